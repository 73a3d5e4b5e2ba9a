"""短信提醒: reminders to villagers' phones through a GSM modem or the county's SMS platform.

``modem`` (AT commands, PDU mode, health), ``pdu`` (UCS-2 and concatenated parts, through
python-gsmmodem-new's encoder), ``senders`` (modem or command), ``rules`` (when a ticket gets a
reminder), ``texts`` (the words), ``bridge`` (the ``servicehall sms`` process). The numbers and
the outbox are the core's: ``servicehall.queue.outbox``.
"""
