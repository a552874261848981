"""Put a number Excel never writes (1E999, NaN) into a saved workbook: openpyxl cannot write one itself."""

import io
import zipfile

PENANDA = 987654.125  # a float written exactly, replaced in the XML afterwards


def ganti_penanda(data: bytes, nilai: bytes) -> bytes:
    keluaran = io.BytesIO()
    diganti = 0
    with (
        zipfile.ZipFile(io.BytesIO(data)) as masuk,
        zipfile.ZipFile(keluaran, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        for info in masuk.infolist():
            isi = masuk.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                diganti += isi.count(b"<v>987654.125</v>")
                isi = isi.replace(b"<v>987654.125</v>", b"<v>" + nilai + b"</v>")
            z.writestr(info, isi)
    assert diganti == 1
    return keluaran.getvalue()
