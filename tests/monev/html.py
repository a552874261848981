"""Small readers of the screens' HTML: a row by its id, a cell by its class, text without tags."""

import html
import re


def teks(fragmen: str) -> str:
    fragmen = re.sub(r"<script.*?</script>", " ", fragmen, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragmen))).strip()


def elemen(isi: str | bytes, tag: str, id_: str) -> str:
    """The element `<tag ... id="id_">…</tag>`, nested elements of the same tag included."""
    if isinstance(isi, bytes):
        isi = isi.decode()
    awal = re.search(rf'<{tag}\b[^>]*\bid="{re.escape(id_)}"[^>]*>', isi)
    assert awal, f"<{tag} id={id_}> tidak ada"
    kedalaman = 0
    for tanda in re.finditer(rf"<(/?){tag}\b[^>]*>", isi[awal.start() :]):
        kedalaman += -1 if tanda.group(1) else 1
        if kedalaman == 0:
            return isi[awal.start() : awal.start() + tanda.end()]
    raise AssertionError(f"<{tag} id={id_}> tidak ditutup")


def sel(fragmen: str, kelas: str) -> str:
    """Text of the first element whose class list contains `kelas`."""
    kelas_ = re.escape(kelas)
    cocok = re.search(
        rf'<(\w+) class="(?:[^"]*\s)?{kelas_}(?:\s[^"]*)?"[^>]*>(.*?)</\1>', fragmen, flags=re.S
    )
    assert cocok, f"kelas {kelas} tidak ada"
    return teks(cocok.group(2))
