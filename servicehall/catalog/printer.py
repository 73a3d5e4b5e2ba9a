"""The printer's words for staff: its state and why a print failed (``servicehall.printer``).

What is printed on the ticket and the receipt is in ``catalog.paper``."""

WORDS: dict[str, dict[str, str]] = {
    "prn_fault_offline": {"zh": "打印机未连接", "en": "The printer is not connected"},
    "prn_fault_no_reply": {"zh": "打印机无响应", "en": "The printer does not answer"},
    "prn_fault_paper_out": {"zh": "打印机缺纸", "en": "The printer is out of paper"},
    "prn_fault_cover_open": {"zh": "打印机盖未合上", "en": "The printer's lid is open"},
    "prn_fault_hung_up": {"zh": "打印中断", "en": "Printing broke off"},
    "prn_fault_error": {"zh": "打印机故障", "en": "Printer fault"},
    "prn_fault_no_font": {"zh": "打印机缺少中文字体", "en": "The printer has no Chinese font"},
    "prn_fault_busy": {"zh": "打印机正忙", "en": "The printer is busy"},
    "prn_status_unknown": {
        "zh": "状态未知（打印机未应答状态查询）",
        "en": "State unknown (the printer did not answer the status query)",
    },
    "prn_status_offline": {"zh": "打印机脱机", "en": "The printer is offline"},
    "prn_status_paper_low": {
        "zh": "纸将用完，请及时换纸",
        "en": "Paper is running out: change the roll soon",
    },
    "prn_status_ok": {"zh": "打印机正常", "en": "The printer is fine"},
    "prn_status_partly_unknown": {"zh": "状态部分未知", "en": "State partly unknown"},
    "prn_timed_out": {"zh": "{what}：超过 {seconds} 秒", "en": "{what}: more than {seconds} s"},
    "prn_step_connect": {"zh": "连接打印机", "en": "connecting to the printer"},
    "prn_connect_timeout": {"zh": "{name} 连接超时", "en": "{name}: connecting timed out"},
    "prn_cannot_connect": {
        "zh": "{name} 无法连接：{reason}",
        "en": "{name} cannot be reached: {reason}",
    },
    "prn_not_connected": {"zh": "{name} 未连接", "en": "{name} is not connected"},
    "prn_step_send": {
        "zh": "发送（已发 {sent}/{total} 字节）",
        "en": "sending ({sent}/{total} bytes sent)",
    },
    "prn_stopped_taking": {
        "zh": "{name} 不再接收（已发 {sent}/{total} 字节）",
        "en": "{name} stopped taking data ({sent}/{total} bytes sent)",
    },
    "prn_dropped_sending": {
        "zh": "{name} 断开（已发 {sent}/{total} 字节）：{reason}",
        "en": "{name} dropped the line ({sent}/{total} bytes sent): {reason}",
    },
    "prn_closed": {"zh": "{name} 关闭了连接", "en": "{name} closed the connection"},
    "prn_dropped": {"zh": "{name} 断开：{reason}", "en": "{name} dropped the line: {reason}"},
    "prn_step_open_serial": {"zh": "打开串口", "en": "opening the serial port"},
    "prn_cannot_open": {
        "zh": "{name} 无法打开：{reason}",
        "en": "{name} cannot be opened: {reason}",
    },
    "prn_not_open": {"zh": "{name} 未打开", "en": "{name} is not open"},
    "prn_step_write_serial": {"zh": "写串口", "en": "writing to the serial port"},
    "prn_write_timeout": {
        "zh": "{name} 写入超时（打印机不接收）",
        "en": "{name}: writing timed out (the printer takes nothing)",
    },
    "prn_write_failed": {
        "zh": "{name} 写入失败：{reason}",
        "en": "{name}: writing failed: {reason}",
    },
    "prn_status_failed": {
        "zh": "{name} 读状态失败：{reason}",
        "en": "{name}: reading the state failed: {reason}",
    },
    "prn_step_open_device": {"zh": "打开打印机设备", "en": "opening the printer device"},
    "prn_step_write_file": {
        "zh": "写 {path}（已写 {sent}/{total} 字节）",
        "en": "writing {path} ({sent}/{total} bytes written)",
    },
    "prn_no_usb": {
        "zh": "USB 打印需要 pyusb 与 libusb（pip install pyusb）",
        "en": "USB printing needs pyusb and libusb (pip install pyusb)",
    },
    "prn_step_open_usb": {"zh": "打开 USB 打印机", "en": "opening the USB printer"},
    "prn_step_write_usb": {"zh": "写 USB", "en": "writing to USB"},
    "prn_not_sent": {"zh": "{name}：{message}（未发送）", "en": "{name}: {message} (not sent)"},
    "prn_written": {
        "zh": "{name}：已写入 {total} 字节（此连接无法查询状态）",
        "en": "{name}: {total} bytes written (this connection cannot be asked its state)",
    },
    "prn_after": {"zh": "{name}：打印后{message}", "en": "{name}: after printing: {message}"},
    "prn_silent_after": {
        "zh": "{name}：发送后打印机不再应答",
        "en": "{name}: the printer stopped answering after the job",
    },
    "prn_status_unknown_after": {
        "zh": "状态未知（打印机不应答状态查询）",
        "en": "state unknown (the printer does not answer the status query)",
    },
    "prn_sent": {
        "zh": "{name}：已发送 {total} 字节，{note}",
        "en": "{name}: {total} bytes sent, {note}",
    },
    "prn_check_printer": {"zh": "{message}，请检查打印机", "en": "{message}: check the printer"},
    "prn_no_receipt": {
        "zh": "{message}，回执没有打出",
        "en": "{message}: the receipt did not print",
    },
    "prn_preview_mode": {
        "zh": "预览模式：号票显示在屏幕上，不打印纸票",
        "en": "Preview: tickets are shown on the screen, no paper",
    },
    "prn_busy_printing": {"zh": "打印机正忙（正在打印）", "en": "The printer is busy (printing)"},
    "prn_opens_no_state": {
        "zh": "设备可以打开；此连接无法查询缺纸等状态",
        "en": "The device opens; this connection cannot tell paper or other state",
    },
    "prn_fault_detail": {"zh": "{message}（{detail}）", "en": "{message} ({detail})"},
    "prn_preview": {"zh": "预览：{where}", "en": "Preview: {where}"},
    "prn_render_failed": {
        "zh": "生成打印数据失败：{reason}",
        "en": "Making the print data failed: {reason}",
    },
    "prn_still_printing": {"zh": "上一张号票仍在打印", "en": "The last ticket is still printing"},
    "prn_replaced": {
        "zh": "；{encoding} 无法打印的字已印成□：{chars}",
        "en": "; characters {encoding} cannot print came out as □: {chars}",
    },
    "prn_reprinted": {"zh": "补打；{detail}", "en": "Printed again; {detail}"},
    "prn_kind_detail": {"zh": "{kind}：{detail}", "en": "{kind}: {detail}"},
    "prn_reprint_failed": {"zh": "补打失败", "en": "printing again failed"},
    "prn_voided": {"zh": "号票作废", "en": "ticket withdrawn"},
    "prn_kept": {"zh": "号码保留", "en": "number kept"},
    "prn_policy": {"zh": "{detail}；{policy}", "en": "{detail}; {policy}"},
    "prn_ask_staff": {"zh": "{message}，请联系工作人员", "en": "{message}: please ask the staff"},
    "prn_cancelled_ask_staff": {
        "zh": "{message}，本次取号已取消，请联系工作人员",
        "en": "{message}: this ticket is cancelled, please ask the staff",
    },
    "prn_remember_number": {
        "zh": "{message}，请记住屏幕上的号码",
        "en": "{message}: please remember the number on the screen",
    },
    "prn_preview_not_written": {
        "zh": "未写入 {path}（{reason}）",
        "en": "not written to {path} ({reason})",
    },
    "prn_preview_appended": {"zh": "已追加到 {path}", "en": "added to {path}"},
    "prn_image_needs_font": {
        "zh": "图像模式需要中文字体：apt-get install fonts-wqy-microhei",
        "en": "Image mode needs a Chinese font: apt-get install fonts-wqy-microhei",
    },
}
