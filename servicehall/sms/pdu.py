"""SMS-SUBMIT PDUs for a mainland number, from python-gsmmodem-new's encoder.

Chinese text goes as UCS-2 (data coding scheme 0x08): 70 characters in one message, 67 per part
of a longer one, whose parts carry a concatenation header (reference, count, part number) so the
phone shows them as one message. The number is international (86…, type 0x91); the SMSC octet
is ``00`` (the SIM's own). GSM 7-bit is used when the text fits it (English messages).
"""

from __future__ import annotations

from dataclasses import dataclass

from gsmmodem.pdu import encodeSmsSubmitPdu


@dataclass(frozen=True)
class PduPart:
    hex: str
    """The PDU as the modem takes it after ``AT+CMGS``: hex digits, SMSC octet first."""
    tpdu_length: int
    """The octets after the SMSC octet: the number ``AT+CMGS=`` wants."""


def encode_parts(phone: str, text: str, reference: int) -> list[PduPart]:
    """The parts of one message to an 11-digit mainland number.

    ``reference`` (taken modulo 256) ties the parts together; the same message must always get
    the same one, so parts resent after a fault join the ones that went before.
    """
    pdus = encodeSmsSubmitPdu(
        "+86" + phone, text, reference=reference % 256, requestStatusReport=False
    )
    return [PduPart(str(pdu), pdu.tpduLength) for pdu in pdus]
