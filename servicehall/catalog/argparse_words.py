"""argparse's own words: the help's headings and the messages for a mistyped command line.

Each English text is argparse's message exactly as Python 3.11 writes it (its gettext message
id, %-placeholders and all); ``cli.argwords`` hands argparse the text of the process's language
in its place. A message not listed here stays in argparse's English.
"""

WORDS: dict[str, dict[str, str]] = {
    "argparse_usage": {"zh": "用法：", "en": "usage: "},
    "argparse_positionals": {"zh": "参数", "en": "positional arguments"},
    "argparse_options": {"zh": "选项", "en": "options"},
    "argparse_help": {"zh": "显示本帮助并退出", "en": "show this help message and exit"},
    "argparse_required": {
        "zh": "缺少必须给出的参数：%s",
        "en": "the following arguments are required: %s",
    },
    "argparse_one_required": {
        "zh": "参数 %s 中必须给出一个",
        "en": "one of the arguments %s is required",
    },
    "argparse_unrecognized": {"zh": "不认识的参数：%s", "en": "unrecognized arguments: %s"},
    "argparse_invalid_choice": {
        "zh": "没有 %(value)r 这一项（可选：%(choices)s）",
        "en": "invalid choice: %(value)r (choose from %(choices)s)",
    },
    "argparse_invalid_value": {
        "zh": "%(value)r 不是有效的 %(type)s 值",
        "en": "invalid %(type)s value: %(value)r",
    },
    "argparse_argument": {
        "zh": "参数 %(argument_name)s：%(message)s",
        "en": "argument %(argument_name)s: %(message)s",
    },
    "argparse_expected_one": {"zh": "后面要跟一个值", "en": "expected one argument"},
    "argparse_expected_at_most_one": {
        "zh": "后面最多跟一个值",
        "en": "expected at most one argument",
    },
    "argparse_expected_at_least_one": {
        "zh": "后面至少要跟一个值",
        "en": "expected at least one argument",
    },
    "argparse_expected_n": {"zh": "后面要跟 %s 个值", "en": "expected %s argument"},
    "argparse_expected_n_plural": {"zh": "后面要跟 %s 个值", "en": "expected %s arguments"},
    "argparse_not_allowed": {
        "zh": "不能和参数 %s 一起用",
        "en": "not allowed with argument %s",
    },
    "argparse_ambiguous": {
        "zh": "%(option)s 不明确，可能是 %(matches)s",
        "en": "ambiguous option: %(option)s could match %(matches)s",
    },
    "argparse_ignored": {"zh": "多余的值 %r", "en": "ignored explicit argument %r"},
    "argparse_version": {"zh": "显示版本号并退出", "en": "show program's version number and exit"},
}
