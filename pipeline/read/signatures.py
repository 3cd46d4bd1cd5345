"""PDF signatures: who signed, when, and under which CA, read from the signature dictionaries.

Signed Vietnamese documents carry one signature per signing act (the official, then the office
that stamps the number and date). Each `/Sig` dictionary holds a detached PKCS#7 (CMS
SignedData); its signer's certificate gives the subject's common name and the issuing CA's.
Nothing is validated and nothing goes to the network: this records what the file claims.
"""
from __future__ import annotations

import ctypes
import re
import warnings
from datetime import datetime, timedelta, timezone

_SIGNED_DATA = "1.2.840.113549.1.7.2"
_SIGNING_TIME = "1.2.840.113549.1.9.5"


def _der(data: bytes, pos: int = 0) -> tuple[int, int, int, int]:
    """(tag, start of content, end of content, constructed) of the DER element at `pos`."""
    tag = data[pos]
    pos += 1
    if tag & 0x1F == 0x1F:                      # high tag numbers (never in CMS, but skip them)
        while data[pos] & 0x80:
            pos += 1
        pos += 1
    length = data[pos]
    pos += 1
    if length == 0x80:                          # BER indefinite length: CMS from some tools
        end = _indefinite_end(data, pos)
        return tag, pos, end, tag & 0x20
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(data[pos:pos + n], "big")
        pos += n
    if pos + length > len(data):
        raise ValueError("truncated DER")
    return tag, pos, pos + length, tag & 0x20


def _indefinite_end(data: bytes, pos: int) -> int:
    while data[pos:pos + 2] != b"\x00\x00":
        _, _, end, _ = _der(data, pos)
        pos = end + (2 if data[pos + 1] == 0x80 else 0)
    return pos


def _children(data: bytes, start: int, end: int, with_start: bool = False) -> list[tuple]:
    """The elements inside `data[start:end]`: (tag, content start, content end), and where each
    element starts (its tag byte) first when `with_start`."""
    out = []
    pos = start
    while pos < end:
        if data[pos:pos + 2] == b"\x00\x00":    # end of an indefinite-length element
            break
        tag, s, e, _ = _der(data, pos)
        out.append((pos, tag, s, e) if with_start else (tag, s, e))
        pos = e + (2 if data[pos + 1] == 0x80 else 0)
    return out


def _oid(raw: bytes) -> str:
    parts, value = [], 0
    for b in raw:
        value = (value << 7) | (b & 0x7F)
        if not b & 0x80:
            parts.append(value)
            value = 0
    if not parts:
        return ""
    first = min(parts[0] // 40, 2)
    return ".".join(map(str, [first, parts[0] - 40 * first, *parts[1:]]))


def _time(tag: int, raw: bytes) -> datetime | None:
    text = raw.decode("ascii", "replace")
    try:
        if tag == 0x17:   # UTCTime YYMMDDHHMMSSZ
            dt = datetime.strptime(text.rstrip("Z")[:12], "%y%m%d%H%M%S")
        else:             # GeneralizedTime
            dt = datetime.strptime(text.rstrip("Z")[:14], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return dt.replace(tzinfo=timezone.utc)


def parse_pkcs7(der: bytes) -> dict:
    """Signer, signing time and issuer of a detached PKCS#7/CMS SignedData.

    The certificates are read with `cryptography`; the SignerInfo (which certificate signed,
    the signed `signingTime` attribute) by walking the DER, which `cryptography` does not expose.
    """
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    _, s, e, _ = _der(der, 0)
    kids = _children(der, s, e)
    if len(kids) < 2 or _oid(der[kids[0][1]:kids[0][2]]) != _SIGNED_DATA:
        raise ValueError("not a PKCS#7 SignedData")
    _, cs, ce = kids[1]                        # [0] EXPLICIT content
    _, sds, sde = _children(der, cs, ce)[0]    # SignedData SEQUENCE
    parts = _children(der, sds, sde)
    certs, signer_infos = [], []
    for tag, ps, pe in parts:
        if tag == 0xA0:                        # certificates [0] IMPLICIT SET OF Certificate
            for at, ctag, _, c_e in _children(der, ps, pe, with_start=True):
                if ctag == 0x30:
                    try:
                        certs.append(x509.load_der_x509_certificate(der[at:c_e]))
                    except ValueError:
                        pass
    if parts and parts[-1][0] == 0x31:         # signerInfos SET
        signer_infos = _children(der, parts[-1][1], parts[-1][2])

    def cn(name) -> str | None:
        values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
        if values:
            return str(values[0].value).strip() or None
        return name.rfc4514_string() or None

    signer_cert, signed_at = None, None
    for _, si_s, si_e in signer_infos[:1]:
        fields = _children(der, si_s, si_e)
        if len(fields) >= 2 and fields[1][0] == 0x30:       # issuerAndSerialNumber
            ias = _children(der, fields[1][1], fields[1][2])
            if len(ias) == 2:
                serial = int.from_bytes(der[ias[1][1]:ias[1][2]], "big", signed=True)
                for cert in certs:
                    if cert.serial_number == serial:
                        signer_cert = cert
                        break
        elif len(fields) >= 2 and fields[1][0] == 0x80:     # subjectKeyIdentifier [0]
            ski = der[fields[1][1]:fields[1][2]]
            for cert in certs:
                try:
                    ext = cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
                except x509.ExtensionNotFound:
                    continue
                if ext.value.digest == ski:
                    signer_cert = cert
                    break
        for tag, a_s, a_e in fields:
            if tag != 0xA0:                                 # signedAttrs [0] IMPLICIT
                continue
            for _, at_s, at_e in _children(der, a_s, a_e):
                attr = _children(der, at_s, at_e)
                if len(attr) == 2 and _oid(der[attr[0][1]:attr[0][2]]) == _SIGNING_TIME:
                    values = _children(der, attr[1][1], attr[1][2])
                    if values:
                        signed_at = _time(values[0][0], der[values[0][1]:values[0][2]])
    if signer_cert is None and certs:
        # no SignerInfo match: the certificate that issued none of the others is the signer's
        subjects = {c.issuer.rfc4514_string() for c in certs}
        leaves = [c for c in certs if c.subject.rfc4514_string() not in subjects]
        signer_cert = (leaves or certs)[0]
    return {
        "signer": cn(signer_cert.subject) if signer_cert else None,
        "signed_at": signed_at,
        "issuer_ca": cn(signer_cert.issuer) if signer_cert else None,
    }


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*([Zz+\-])?\s*(\d{2})?'?(\d{2})?'?")


def pdf_date(text: str) -> datetime | None:
    """A PDF date string `D:20241106091500+07'00'` as an aware datetime (naive stays naive)."""
    m = _PDF_DATE.search(text or "")
    if not m:
        return None
    y, mo, d, h, mi, s, sign, oh, om = m.groups()
    try:
        dt = datetime(int(y), int(mo or 1), int(d or 1), int(h or 0), int(mi or 0), int(s or 0))
    except ValueError:
        return None
    if sign in ("Z", "z"):
        return dt.replace(tzinfo=timezone.utc)
    if sign in ("+", "-") and oh:
        off = timedelta(hours=int(oh), minutes=int(om or 0))
        return dt.replace(tzinfo=timezone(off if sign == "+" else -off))
    return dt


def iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def read_signatures(pdf) -> list[dict]:
    """`[{signer, signed_at, issuer_ca}]` of an open pypdfium2 document's signature dictionaries.

    `signed_at` is the dictionary's /M when present, else the PKCS#7 signed `signingTime`;
    a signature whose PKCS#7 cannot be parsed keeps its time and null names.
    """
    import pypdfium2.raw as pdfium_c

    out: list[dict] = []
    for i in range(max(0, pdfium_c.FPDF_GetSignatureCount(pdf.raw))):
        sig = pdfium_c.FPDF_GetSignatureObject(pdf.raw, i)
        if not sig:
            continue
        n = pdfium_c.FPDFSignatureObj_GetContents(sig, None, 0)
        contents = b""
        if n > 0:
            buf = ctypes.create_string_buffer(n)
            pdfium_c.FPDFSignatureObj_GetContents(sig, buf, n)
            contents = buf.raw[:n]
        n = pdfium_c.FPDFSignatureObj_GetTime(sig, None, 0)
        m_time = None
        if n > 0:
            buf = ctypes.create_string_buffer(n)
            pdfium_c.FPDFSignatureObj_GetTime(sig, buf, n)
            m_time = pdf_date(buf.value.decode("latin-1", "replace"))
        info = {"signer": None, "signed_at": None, "issuer_ca": None}
        if contents.strip(b"\x00"):
            try:
                with warnings.catch_warnings():   # names over X.509's 64 characters are common
                    warnings.simplefilter("ignore")
                    info = parse_pkcs7(contents)
            except Exception:   # a damaged or exotic PKCS#7 still leaves its time
                pass
        # /M first: Vietnamese signing tools write local time into the PKCS#7 signingTime
        # marked as UTC (`17:58:22Z` for a stamp reading `Giờ ký: 17:58:22`)
        info["signed_at"] = iso(m_time or info["signed_at"])
        out.append(info)
    return out
