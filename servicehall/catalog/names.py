"""Stored codes named for people: ``name_<table>_<code>`` (``i18n.code_name``): a ticket's
states, the fields people fill in, 办件's kinds, steps, states, due dates and 回访 results, and
the weekdays of ``[hall] open_weekdays``."""

WORDS: dict[str, dict[str, str]] = {
    # the weekdays a hall opens on
    "name_weekday_mon": {"zh": "周一", "en": "Mon"},
    "name_weekday_tue": {"zh": "周二", "en": "Tue"},
    "name_weekday_wed": {"zh": "周三", "en": "Wed"},
    "name_weekday_thu": {"zh": "周四", "en": "Thu"},
    "name_weekday_fri": {"zh": "周五", "en": "Fri"},
    "name_weekday_sat": {"zh": "周六", "en": "Sat"},
    "name_weekday_sun": {"zh": "周日", "en": "Sun"},
    # 办件's kinds
    "name_kind_immediate": {"zh": "即办件", "en": "immediate"},
    "name_kind_promised": {"zh": "承诺件", "en": "promised"},
    "name_kind_joint": {"zh": "联办件", "en": "joint"},
    "name_kind_reported": {"zh": "上报件", "en": "reported"},
    # its steps
    "name_step_accept": {"zh": "受理", "en": "accepted"},
    "name_step_refer": {"zh": "转县级部门", "en": "sent to the county"},
    "name_step_joint": {"zh": "联办", "en": "joint handling"},
    "name_step_supplement": {"zh": "补正", "en": "papers missing"},
    "name_step_finish": {"zh": "办结", "en": "finished"},
    "name_step_collect": {"zh": "已领取", "en": "collected"},
    "name_step_deliver": {"zh": "已送达", "en": "delivered"},
    # its states
    "name_state_open": {"zh": "办理中", "en": "in progress"},
    "name_state_finished": {"zh": "已办结", "en": "finished"},
    "name_state_collected": {"zh": "已领取", "en": "collected"},
    "name_state_delivered": {"zh": "已送达", "en": "delivered"},
    # its promised dates
    "name_due_overdue": {"zh": "已超期", "en": "overdue"},
    "name_due_soon": {"zh": "即将到期", "en": "due soon"},
    "name_due_ok": {"zh": "未到期", "en": "on track"},
    "name_due_done": {"zh": "已办结", "en": "finished"},
    # 回访"s results
    "name_callback_satisfied": {"zh": "满意", "en": "satisfied"},
    "name_callback_basic": {"zh": "基本满意", "en": "fair"},
    "name_callback_unsatisfied": {"zh": "不满意", "en": "unsatisfied"},
    "name_callback_no_answer": {"zh": "未接通", "en": "no answer"},
    # the fields people fill in, named in refusals
    "name_field_leader": {"zh": "带班领导姓名", "en": "The leader's name"},
    "name_field_title": {"zh": "职务", "en": "The title"},
    "name_field_clerk_id": {"zh": "工号", "en": "The clerk id"},
    "name_field_clerk_name": {"zh": "姓名", "en": "The name"},
    "name_field_reason": {"zh": "原因", "en": "The reason"},
    "name_field_villager_name": {"zh": "姓名", "en": "The name"},
    "name_field_agent_staff": {"zh": "代办人", "en": "The staff member carrying it"},
    "name_field_case_note": {"zh": "说明", "en": "The note"},
    # a ticket's states
    "name_status_waiting": {"zh": "等候中", "en": "waiting"},
    "name_status_called": {"zh": "办理中", "en": "being served"},
    "name_status_finished": {"zh": "已办结", "en": "finished"},
    "name_status_no_show": {"zh": "已过号", "en": "no-show"},
    "name_status_cancelled": {"zh": "已取消", "en": "cancelled"},
    "name_status_expired": {"zh": "已过期", "en": "expired"},
}
