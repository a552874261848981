"""Forms of the LKjIP pages: a narrative section, a workflow step, and the public verification."""

from django import forms
from django.core.exceptions import ValidationError

from inti.forms import BootstrapMixin, TanggalField
from inti.unggah import VERIFIKASI_MAKS_BYTE as BATAS_UNGGAH
from inti.unggah import teks_ukuran


class FormulirNarasi(BootstrapMixin, forms.Form):
    teks = forms.CharField(
        label="Teks (Markdown)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        help_text="Kosongkan untuk kembali ke teks bawaan yang disusun dari data.",
    )


class FormulirTransisi(BootstrapMixin, forms.Form):
    """One workflow step; which fields are required depends on the step (see `WAJIB`)."""

    pernyataan = forms.CharField(label="Pernyataan reviu", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    catatan = forms.CharField(label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    # Sign-off only: the report's date; empty means today (`services.validasi_tanggal_laporan` checks it).
    tanggal_laporan = TanggalField(
        label="Tanggal laporan",
        pesan="Tanggal laporan tidak valid; isi dengan format tanggal, mis. 31/01/2023.",
    )

    WAJIB = {
        "kembalikan": {"catatan": "Tuliskan catatan: apa yang perlu diperbaiki."},
        "reviu": {"pernyataan": "Pernyataan reviu wajib diisi."},
        "revisi": {"catatan": "Tuliskan alasan membuka revisi baru."},
    }

    def __init__(self, *args, aksi: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.aksi = aksi

    def clean(self):
        data = super().clean()
        for nama, pesan in self.WAJIB.get(self.aksi, {}).items():
            if not (data.get(nama) or "").strip():
                self.add_error(nama, pesan)
        return data


class FormulirVerifikasi(BootstrapMixin, forms.Form):
    berkas = forms.FileField(label="Berkas PDF", required=False)
    sha256 = forms.CharField(
        label="atau nilai SHA-256",
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean(self):
        data = super().clean()
        berkas, sha = data.get("berkas"), (data.get("sha256") or "").strip()
        if not berkas and not sha:
            raise ValidationError("Unggah berkas PDF atau isi nilai SHA-256.")
        if berkas and sha:
            raise ValidationError("Pilih salah satu: unggah berkas atau isi nilai SHA-256.")
        if berkas and berkas.size > BATAS_UNGGAH:
            raise ValidationError(f"Berkas terlalu besar (paling besar {teks_ukuran(BATAS_UNGGAH)}).")
        return data
