"""The reports' words: column headings, breakdown titles, dates and the exports' sheets.

The exports (CSV, Excel) follow the language too: their headings are words, not a data format
(a script reads ``--json``, whose keys never change); Chinese is the default.
"""

WORDS: dict[str, dict[str, str]] = {
    "rep_col_code": {"zh": "编码", "en": "Code"},
    "rep_col_service": {"zh": "业务", "en": "Service"},
    "rep_col_service_code": {"zh": "业务编码", "en": "Service code"},
    "rep_col_matter_code": {"zh": "事项编码", "en": "Matter code"},
    "rep_col_matter": {"zh": "事项", "en": "Matter"},
    "rep_col_window": {"zh": "窗口", "en": "Window"},
    "rep_col_name": {"zh": "名称", "en": "Name"},
    "rep_col_clerk_id": {"zh": "工号", "en": "Clerk id"},
    "rep_col_clerk": {"zh": "工作人员", "en": "Clerk"},
    "rep_col_hour": {"zh": "取号时段", "en": "Hour taken"},
    "rep_col_issued": {"zh": "取号", "en": "Taken"},
    "rep_col_served": {"zh": "办结", "en": "Finished"},
    "rep_col_no_show": {"zh": "过号", "en": "No-show"},
    "rep_col_transferred": {"zh": "转办", "en": "Transferred"},
    "rep_col_cancelled": {"zh": "取消", "en": "Cancelled"},
    "rep_col_expired": {"zh": "过期未叫", "en": "Expired uncalled"},
    "rep_col_waiting": {"zh": "等候中", "en": "Waiting"},
    "rep_col_in_service": {"zh": "办理中", "en": "Being served"},
    "rep_col_avg_wait": {"zh": "平均等候", "en": "Average wait"},
    "rep_col_median_wait": {"zh": "等候中位数", "en": "Median wait"},
    "rep_col_p90_wait": {"zh": "等候90%分位", "en": "Wait, 90th percentile"},
    "rep_col_avg_service": {"zh": "平均办理", "en": "Average service"},
    "rep_col_median_service": {"zh": "办理中位数", "en": "Median service"},
    "rep_col_p90_service": {"zh": "办理90%分位", "en": "Service, 90th percentile"},
    "rep_col_limit_total": {"zh": "限时事项办结数", "en": "Time-limited finished"},
    "rep_col_limit_met": {"zh": "限时内办结数", "en": "Finished in time"},
    "rep_col_limit_rate": {"zh": "限时办结率", "en": "Finished in time %"},
    "rep_col_satisfied": {"zh": "满意", "en": "Satisfied"},
    "rep_col_basic": {"zh": "基本满意", "en": "Fairly satisfied"},
    "rep_col_unsatisfied": {"zh": "不满意", "en": "Unsatisfied"},
    "rep_col_rated": {"zh": "评价数", "en": "Ratings"},
    "rep_col_satisfaction_rate": {"zh": "满意率", "en": "Satisfaction %"},
    "rep_col_handled": {"zh": "接待", "en": "Handled"},
    "rep_col_transferred_out": {"zh": "转出", "en": "Transferred out"},
    "rep_col_arrived": {"zh": "到达", "en": "Arrived"},
    "rep_unit_minutes": {"zh": "{heading}（分钟）", "en": "{heading} (minutes)"},
    "rep_unit_percent": {"zh": "{heading}（%）", "en": "{heading} (%)"},
    "rep_by_service": {"zh": "按业务", "en": "By service"},
    "rep_by_matter": {"zh": "按事项", "en": "By matter"},
    "rep_by_window": {"zh": "按窗口", "en": "By window"},
    "rep_by_clerk": {"zh": "按工作人员", "en": "By clerk"},
    "rep_by_hour": {"zh": "按时段（取号时间）", "en": "By hour (when taken)"},
    "rep_totals": {"zh": "合计", "en": "Total"},
    "rep_no_matter": {"zh": "（未选事项）", "en": "(no matter chosen)"},
    "rep_no_clerk": {"zh": "（未签到）", "en": "(not signed in)"},
    "rep_window_n": {"zh": "{n}号窗口", "en": "Window {n}"},
    "rep_case_received": {"zh": "受理", "en": "Received"},
    "rep_case_finished": {"zh": "办结", "en": "Finished"},
    "rep_case_on_time": {"zh": "按时办结", "en": "Finished on time"},
    "rep_case_on_time_rate": {"zh": "按时办结率", "en": "On time %"},
    "rep_case_overdue_now": {"zh": "当前超期", "en": "Overdue now"},
    "rep_case_avg_workdays": {"zh": "平均用时（工作日）", "en": "Average time (working days)"},
    "rep_case_callbacks": {"zh": "回访", "en": "Follow-up calls"},
    "rep_case_callback_rate": {"zh": "回访满意率", "en": "Follow-up satisfaction %"},
    "rep_case_by_matter": {"zh": "按事项", "en": "By matter"},
    "rep_case_by_window": {"zh": "按窗口", "en": "By window"},
    "rep_case_by_clerk": {"zh": "按受理人", "en": "By receiving clerk"},
    "rep_case_clerk_name": {"zh": "姓名", "en": "Name"},
    "rep_period": {"zh": "{start} 至 {end}", "en": "{start} to {end}"},
    "rep_bad_day": {
        "zh": "日期应写成 YYYY-MM-DD（例如 2026-11-23），而不是 {text}",
        "en": "Write the date as YYYY-MM-DD (e.g. 2026-11-23), not {text}",
    },
    "rep_day_or_range": {
        "zh": "请只用 --day（某一天），或只用 --from/--to（一段日期），不要同时使用",
        "en": "Give either --day (one day) or --from/--to (a range of days), not both",
    },
    "rep_to_needs_from": {
        "zh": "使用 --to 时请同时给出 --from 开始日期",
        "en": "With --to, give the first day with --from too",
    },
    "rep_range_reversed": {
        "zh": "开始日期 {first} 晚于结束日期 {last}，请对调",
        "en": "The first day {first} is after the last day {last}: swap them",
    },
    "rep_range_too_long": {
        "zh": "日期范围太长（最多 {days} 天）",
        "en": "The range of days is too long (at most {days} days)",
    },
    "rep_xlsx_period": {
        "zh": "统计期间：{period}（{days} 天）",
        "en": "Period: {period} ({days} days)",
    },
    "rep_xlsx_empty": {"zh": "该期间没有取号记录", "en": "No tickets were taken in this period"},
    "rep_xlsx_item": {"zh": "项目", "en": "Item"},
    "rep_xlsx_chart": {"zh": "各时段取号人数 {period}", "en": "Tickets taken per hour {period}"},
    "rep_xlsx_chart_y": {"zh": "取号人数", "en": "Tickets taken"},
    "rep_xlsx_chart_sheet": {"zh": "到达时段图", "en": "Arrivals by hour"},
    "rep_xlsx_summary": {"zh": "汇总", "en": "Summary"},
    "rep_cases": {"zh": "办件", "en": "Cases"},
    "rep_xlsx_cases_totals": {"zh": "办件合计", "en": "Cases: total"},
    "rep_no_tickets": {"zh": "{period} 没有取号记录", "en": "{period}: no tickets taken"},
    "rep_col_hall": {"zh": "大厅", "en": "Hall"},
    "rep_short_expired": {"zh": "过期", "en": "Expired"},
    "rep_short_p90_wait": {"zh": "等候90%", "en": "Wait 90%"},
    "rep_short_p90_service": {"zh": "办理90%", "en": "Service 90%"},
    "rep_short_median_wait": {"zh": "等候中位", "en": "Median wait"},
    "rep_short_median_service": {"zh": "办理中位", "en": "Median service"},
    "rep_county": {"zh": "全县视图 {period}", "en": "County view {period}"},
    "rep_totals_counts": {
        "zh": (
            "取号 {issued}  办结 {served}  过号 {no_show}  转办 {transferred}  取消 {cancelled}  "
            "过期未叫 {expired}  等候中 {waiting}  办理中 {in_service}"
        ),
        "en": (
            "Taken {issued}  finished {served}  no-show {no_show}  transferred {transferred}  "
            "cancelled {cancelled}  expired uncalled {expired}  waiting {waiting}  being served "
            "{in_service}"
        ),
    },
    "rep_totals_times": {
        "zh": "等候（平均/中位/90%）{wait}   办理 {service}   限时办结率 {limit_rate}",
        "en": (
            "Wait (average/median/90%) {wait}   service {service}   finished in time {limit_rate}"
        ),
    },
    "rep_totals_rating": {
        "zh": "满意率 {rate}（满意 {satisfied} / 基本满意 {basic} / 不满意 {unsatisfied}）",
        "en": (
            "Satisfaction {rate} (satisfied {satisfied} / fairly satisfied {basic} / unsatisfied "
            "{unsatisfied})"
        ),
    },
    "rep_counts_title": {"zh": "{title}：人数", "en": "{title}: people"},
    "rep_times_title": {"zh": "{title}：时长（分:秒）", "en": "{title}: times (min:sec)"},
    "rep_hours_title": {"zh": "各时段取号人数", "en": "Tickets taken per hour"},
    "rep_callback_line": {
        "zh": "回访 {calls} 件，回访满意率 {rate}（满意与基本满意占接通的比例）",
        "en": (
            "Follow-up calls (回访): {calls}, satisfaction {rate} (satisfied and fairly satisfied "
            "among the calls answered)"
        ),
    },
    "rep_cases_by": {"zh": "办件{by}", "en": "Cases — {by}"},
    "rep_cannot_write": {"zh": "无法写入 {path}：{reason}", "en": "Cannot write {path}: {reason}"},
    "rep_saved": {"zh": "已保存：{path}", "en": "Saved: {path}"},
    "rep_simulate_needs_db": {
        "zh": (
            "模拟数据会混进真实记录（{db}）。请用 --db 指定单独的数据库，例如 --db "
            "sqlite:///demo.db"
        ),
        "en": (
            "Made-up data would mix with the real records ({db}). Give a database of its own with "
            "--db, e.g. --db sqlite:///demo.db"
        ),
    },
    "rep_simulate_positive": {
        "zh": "--days 和 --per-day 应为正整数",
        "en": "--days and --per-day should be whole numbers above 0",
    },
    "rep_simulate_day": {"zh": "模拟", "en": "Making up"},
    "rep_simulate_tickets": {"zh": "张号票", "en": "tickets"},
    "rep_simulated": {
        "zh": "已生成 {days} 个办公日、{tickets} 张号票、{events} 条工作记录",
        "en": "Made {days} working days, {tickets} tickets, {events} records of work",
    },
    "rep_simulate_skipped": {
        "zh": "，{days} 天已有数据未改动",
        "en": "; {days} days had data already and were left as they were",
    },
    "rep_no_manager_pin": {
        "zh": (
            "没有设置管理员 PIN：用 servicehall hash-pin 生成，填到 hall.toml 的 [manager] pin_hash"
        ),
        "en": (
            "No manager PIN is set: make one with servicehall hash-pin and put it in hall.toml's "
            "[manager] pin_hash"
        ),
    },
    "audit_event_issue": {"zh": "取号", "en": "ticket taken"},
    "audit_event_print": {"zh": "打印号票", "en": "ticket printed"},
    "audit_event_print_failed": {"zh": "打印失败", "en": "printing failed"},
    "audit_event_call": {"zh": "叫号", "en": "called"},
    "audit_event_recall": {"zh": "重呼", "en": "called again"},
    "audit_event_skip": {"zh": "过号", "en": "no-show"},
    "audit_event_requeue": {"zh": "过号重排", "en": "no-show requeued"},
    "audit_event_transfer": {"zh": "转办", "en": "transferred"},
    "audit_event_finish": {"zh": "办结", "en": "finished"},
    "audit_event_cancel": {"zh": "取消", "en": "cancelled"},
    "audit_event_rate": {"zh": "评价", "en": "rated"},
    "audit_event_expire": {"zh": "过期", "en": "expired"},
    "audit_event_pause": {"zh": "暂停", "en": "window paused"},
    "audit_event_resume": {"zh": "恢复", "en": "window resumed"},
    "audit_event_sign_in": {"zh": "签到", "en": "signed in"},
    "audit_event_sign_out": {"zh": "签退", "en": "signed out"},
    "audit_event_leader": {"zh": "带班调整", "en": "leader on duty changed"},
    "audit_detail_waited_s": {"zh": "等候秒数", "en": "waited (s)"},
    "audit_detail_service_s": {"zh": "办理秒数", "en": "served (s)"},
    "audit_detail_from_service": {"zh": "原业务", "en": "from service"},
    "audit_detail_to_service": {"zh": "转到", "en": "to service"},
    "audit_detail_rating": {"zh": "评价", "en": "rating"},
    "audit_detail_matter": {"zh": "事项", "en": "matter"},
    "audit_detail_reason": {"zh": "原因", "en": "reason"},
    "audit_detail_count": {"zh": "次数", "en": "times"},
    "audit_detail_ahead": {"zh": "前面人数", "en": "ahead"},
    "audit_detail_priority": {"zh": "优先", "en": "priority"},
    "audit_detail_auto": {"zh": "自动办结", "en": "finished automatically"},
    "audit_rating_satisfied": {"zh": "满意", "en": "satisfied"},
    "audit_rating_basic": {"zh": "基本满意", "en": "fairly satisfied"},
    "audit_rating_unsatisfied": {"zh": "不满意", "en": "unsatisfied"},
    "audit_sep": {"zh": "，", "en": ", "},
    "audit_ref_needed": {
        "zh": "请输入号票（如 A012）或窗口号（如 3）",
        "en": "Type a ticket (e.g. A012) or a window number (e.g. 3)",
    },
    "audit_no_ticket": {"zh": "{day} 没有号票 {ticket}", "en": "No ticket {ticket} on {day}"},
    "mgr_empty": {"zh": "这段时间没有取号记录", "en": "No tickets were taken in this period"},
    "mgr_counts": {
        "zh": (
            "取号 {issued}   办结 {served}   过号 {no_show}   转办 {transferred}   取消 {cancelled}"
            "   过期未叫 {expired}   等候中 {waiting}"
        ),
        "en": (
            "Taken {issued}   finished {served}   no-show {no_show}   transferred {transferred}   "
            "cancelled {cancelled}   expired uncalled {expired}   waiting {waiting}"
        ),
    },
    "mgr_rates": {
        "zh": (
            "限时办结率 {limit_rate}   满意率 {rate}（满意 {satisfied} / 基本满意 {basic} / 不满意 "
            "{unsatisfied}）   等候中位 {median_wait}   办理中位 {median_service}"
        ),
        "en": (
            "Finished in time {limit_rate}   satisfaction {rate} (satisfied {satisfied} / fairly "
            "{basic} / unsatisfied {unsatisfied})   median wait {median_wait}   median service "
            "{median_service}"
        ),
    },
    "mgr_close": {"zh": "关闭", "en": "Close"},
    "mgr_col_at": {"zh": "时间", "en": "Time"},
    "mgr_col_kind": {"zh": "操作", "en": "Action"},
    "mgr_col_ticket": {"zh": "号票", "en": "Ticket"},
    "mgr_audit_window": {"zh": "{window} 号窗口", "en": "window {window}"},
    "mgr_col_window": {"zh": "窗口", "en": "Window"},
    "mgr_col_clerk": {"zh": "工作人员", "en": "Clerk"},
    "mgr_col_detail": {"zh": "详情", "en": "Detail"},
    "mgr_audit_none": {"zh": "这一天没有记录", "en": "Nothing recorded that day"},
    "mgr_group": {"zh": "分组", "en": "Group"},
    "mgr_refresh": {"zh": "刷新", "en": "Refresh"},
    "mgr_export_key": {"zh": "导出Excel", "en": "Export Excel"},
    "mgr_quit": {"zh": "退出", "en": "Quit"},
    "mgr_from": {"zh": "从", "en": "From"},
    "mgr_to": {"zh": "到", "en": "to"},
    "mgr_run": {"zh": "查询", "en": "Show"},
    "mgr_today": {"zh": "今天", "en": "Today"},
    "mgr_yesterday": {"zh": "昨天", "en": "Yesterday"},
    "mgr_this_month": {"zh": "本月", "en": "This month"},
    "mgr_last_month": {"zh": "上月", "en": "Last month"},
    "mgr_working": {"zh": "正在统计…", "en": "Counting…"},
    "mgr_export_xlsx": {"zh": "导出 Excel", "en": "Export Excel"},
    "mgr_export_csv": {"zh": "导出 CSV", "en": "Export CSV"},
    "mgr_audit_ref": {"zh": "号票 A012 或窗口号 3", "en": "Ticket A012 or window 3"},
    "mgr_audit": {"zh": "工作记录", "en": "Record of work"},
    "mgr_working_on": {"zh": "正在统计 {period} …", "en": "Counting {period} …"},
    "mgr_nothing_to_export": {"zh": "没有可导出的数据", "en": "Nothing to export"},
    "mgr_cases_in_xlsx": {
        "zh": "办件请导出 Excel（「办件」页）",
        "en": "Cases are exported in the Excel workbook (its Cases sheet)",
    },
    "mgr_file": {"zh": "报表_{start}", "en": "report_{start}"},
    "mgr_file_to": {"zh": "_至_{end}", "en": "_to_{end}"},
    "mgr_audit_title": {
        "zh": "工作过程记录：{what}（{day}）",
        "en": "Record of work: {what} ({day})",
    },
    "mgr_pin_title": {"zh": "统计报表：请输入管理员 PIN", "en": "Reports: type the manager's PIN"},
    "mgr_pin_checking": {"zh": "正在核对……", "en": "Checking…"},
    "mgr_pin_locked": {
        "zh": "错误次数太多，请 {seconds} 秒后再试",
        "en": "Too many wrong tries: try again in {seconds} s",
    },
    "mgr_pin_wrong": {"zh": "PIN 不对，请重试", "en": "Wrong PIN, try again"},
}
