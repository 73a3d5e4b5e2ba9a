"""办件's words: refusals and the villager's texts (``servicehall.i18n_cases`` names the stored
kinds, steps, states and due dates)."""

WORDS: dict[str, dict[str, str]] = {
    "callback_bad_result": {
        "zh": "回访结果应为 满意、基本满意、不满意 或 未接通，而不是 {result}",
        "en": "A call-back's result is 满意 / 基本满意 / 不满意 / 未接通 (satisfied, basic, "
        "unsatisfied, no_answer), not {result}",
    },
    "callback_not_closed": {
        "zh": "办件 {case} 还没有领取或送达，办完后才回访",
        "en": "Case {case} is not collected or delivered yet: call back once it has ended",
    },
    "callback_once": {
        "zh": "办件 {case} 已经回访过了（每件只回访一次）",
        "en": "Case {case} has been called back already (once per case)",
    },
    "unknown_case": {
        "zh": "没有找到办件 {case}",
        "en": "No case {case}",
    },
    "case_bad_kind": {
        "zh": "办件类型应为 即办件、承诺件、联办件 或 上报件，而不是 {kind}",
        "en": "The kind of case is 即办件 / 承诺件 / 联办件 / 上报件 (immediate, promised, joint, "
        "reported), not {kind}",
    },
    "case_bad_step": {
        "zh": "办理步骤应为 转县级部门、联办、补正、办结、已领取 或 已送达，而不是 {step}",
        "en": "A step is refer, joint, supplement, finish, collect or deliver, not {step}",
    },
    "case_bad_last4": {
        "zh": "请填写身份证或手机号的后四位（四位数字，身份证最后一位可以是 X）",
        "en": "Give the last four digits of an ID or phone number (an ID may end in X)",
    },
    "case_bad_name": {
        "zh": "姓名里不能有数字（不要填写身份证号）",
        "en": "A name has no digits (never type the ID number)",
    },
    "case_no_clerk": {
        "zh": "{window} 号窗口没有工作人员签到，不能登记办件",
        "en": "Nobody is signed in at window {window}: cases need a signed-in clerk",
    },
    "case_clerk_not_signed_in": {
        "zh": "{clerk} 没有在 {window} 号窗口签到",
        "en": "{clerk} is not signed in at window {window}",
    },
    "case_ticket_not_served": {
        "zh": "{ticket} 不是今天已叫到或已办结的号，不能受理为办件",
        "en": "{ticket} is not a ticket called or finished today: it cannot become a case",
    },
    "case_ticket_elsewhere": {
        "zh": "{ticket} 不是在 {window} 号窗口办理的",
        "en": "{ticket} was not served at window {window}",
    },
    "case_no_matter": {
        "zh": "{ticket} 没有选事项，请指定事项",
        "en": "{ticket} has no matter: name one",
    },
    "case_no_promise": {
        "zh": "{matter}没有设定承诺办结时限（hall.toml 的 promise_days），只能按即办件受理",
        "en": "{matter} has no promised time limit (promise_days in hall.toml): "
        "only an immediate case (即办件)",
    },
    "case_exists": {
        "zh": "{ticket} 的{matter}已经受理过了",
        "en": "{ticket} has a case for {matter} already",
    },
    "case_closed": {
        "zh": "办件 {case} 已经结束（已领取或已送达）",
        "en": "Case {case} is closed (collected or delivered)",
    },
    "case_finished_already": {
        "zh": "办件 {case} 已经办结",
        "en": "Case {case} is finished already",
    },
    "case_not_finished": {
        "zh": "办件 {case} 还没有办结，不能领取或送达",
        "en": "Case {case} is not finished yet: it cannot be collected or delivered",
    },
    "case_supplement_once": {
        "zh": "办件 {case} 已经告知过补正（一次性告知），不能再次要求补正",
        "en": "Case {case} had its 补正 already (told once, completely)",
    },
    "case_joint_same": {
        "zh": "办件 {case} 已经在 {window} 号窗口",
        "en": "Case {case} is at window {window} already",
    },
    "case_joint_window": {
        "zh": "联办要指定接办的窗口",
        "en": "A joint step needs the window that takes it on",
    },
    "case_note_needed": {
        "zh": "{step}需要写明内容（缺什么材料、转到哪个部门）",
        "en": "{step} needs a note (what is missing, which department)",
    },
    "case_step_refer": {"zh": "转县级部门", "en": "Sent to the county"},
    "case_step_supplement": {"zh": "补正", "en": "Papers missing (补正)"},
    "sms_case_supplement": {
        "zh": "【{hall}】您的{matter}需要补正：{missing}。请带齐后到 {window} 号窗口办理（办件号 "
        "{case}）",
        "en": "[{hall}] Your {matter} needs: {missing}. Please bring them to window {window} "
        "(case {case})",
    },
    "sms_case_finish": {
        "zh": "【{hall}】您的{matter}已办结，请带身份证到 {window} 号窗口领取（办件号 {case}）",
        "en": "[{hall}] Your {matter} is done: please bring your ID to window {window} "
        "(case {case})",
    },
    "sms_case_finish_agent": {
        "zh": "【{hall}】您的{matter}已办结，工作人员将为您送达（办件号 {case}）",
        "en": "[{hall}] Your {matter} is done: the hall's staff will bring it to you (case {case})",
    },
    # 查询办理进度 on the kiosk (kiosk/screens/progress.py)
    "progress_progress": {"zh": "查询办理进度", "en": "Case progress"},
    "progress_short": {"zh": "查进度", "en": "Progress"},
    "progress_by_number": {"zh": "按办件号", "en": "By case number"},
    "progress_by_name": {"zh": "按姓名", "en": "By name"},
    "progress_enter_number": {
        "zh": "请输入回执上的办件号（11 位数字）",
        "en": "Type the case number on your receipt",
    },
    "progress_enter_name": {
        "zh": "请输入姓名，再用数字键输入证件或手机号后四位",
        "en": "Type your name, then the last four digits of your ID or phone",
    },
    "progress_name": {"zh": "姓名", "en": "Name"},
    "progress_delete": {"zh": "删除一位", "en": "Delete"},
    "progress_more": {"zh": "还差 {n} 位数字", "en": "{n} more digits"},
    "progress_searching": {"zh": "正在查询……", "en": "Looking it up…"},
    "progress_not_found": {
        "zh": "没有查到。请核对办件号，或姓名和后四位；也可以到窗口咨询",
        "en": "Nothing found. Check the number, or the name and last four digits, "
        "or ask at a window",
    },
    "progress_wait": {
        "zh": "查询太频繁，请 {s} 秒后再试",
        "en": "Too many lookups: try again in {s} s",
    },
    "progress_trouble": {"zh": "暂时查不了：{message}", "en": "Cannot look it up now: {message}"},
    "progress_promised": {"zh": "承诺办结：{day} 前", "en": "Promised by {day}"},
    "progress_state": {"zh": "状态：{state}", "en": "Now: {state}"},
    "progress_agent": {"zh": "全程代办：办结后送达", "en": "Carried for you: delivered when done"},
    "progress_at_window": {"zh": "{window} 号窗口", "en": "window {window}"},
    "progress_step_note": {"zh": "{step}：{note}", "en": "{step}: {note}"},
    "progress_continued": {"zh": "{number}（续）", "en": "{number} (continued)"},
    "progress_found": {
        "zh": "查到 {n} 件，请翻页查看每一件",
        "en": "{n} cases found: turn the pages to see each",
    },
}
