"""Forms of the monev entry screens and of the Excel upload: one small form per row, parsed the
Indonesian way.

Each form only parses and checks the shape of what was typed; the write services (`capaian.services`,
`anggaran.services`, `capaian.bukti`) decide everything else. A row form carries what the user's
page showed (`versi` for a realisasi, `semula` for the other values) so that a stale form is refused
instead of overwriting someone else's save. `dari(...)` builds a row's form from what the screen's
selector (`capaian.selectors.monev`) read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django import forms

from capaian.services import TeksAnalisis
from inti.forms import BootstrapMixin, NilaiField
from inti.periode import NILAI_DIGITS, UANG_DIGITS, Tribulan
from inti.tampilan import format_indikator

if TYPE_CHECKING:
    from capaian.models import BarisTabelPendukung, TabelPendukung
    from capaian.selectors.monev import BarisAnggaran, BarisRealisasi, KartuAnalisis, MasukanRumus


class _FormBaris(BootstrapMixin, forms.Form):
    """A row form whose HTML ids are unique on a page holding many rows (`kunci` names the row)."""

    awalan: ClassVar[str] = ""

    def __init__(self, *args, kunci: str = "", terkunci: bool = False, **kwargs):
        kwargs.setdefault("auto_id", f"id_{kunci}_%s" if kunci else "id_%s")
        super().__init__(*args, **kwargs)
        self.kunci = kunci
        if terkunci:
            for field in self.fields.values():
                field.disabled = True

    @classmethod
    def kunci_untuk(cls, *bagian) -> str:
        """The row's name on the page: the form's prefix and the row's identity ("r24", "sub_kegiatan_7")."""
        return cls.awalan + "_".join(str(b) for b in bagian)


def _semula() -> NilaiField:
    return NilaiField(widget=forms.HiddenInput, **NILAI_DIGITS)


class RealisasiForm(_FormBaris):
    awalan = "r"
    nilai = NilaiField(label="Realisasi", **NILAI_DIGITS)
    keterangan = forms.CharField(label="Keterangan", max_length=500, required=False)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # Sent as 1 by "Tetap simpan": the user confirms a value `services.peringatan_realisasi` questioned.
    konfirmasi = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nilai"].widget.attrs.update({"aria-label": "Realisasi", "placeholder": "kosong"})
        self.fields["keterangan"].widget.attrs.update(
            {
                "aria-label": "Keterangan",
                "placeholder": "Keterangan (opsional)",
                "class": "form-control-sm mt-1",
            }
        )

    @classmethod
    def dari(cls, baris: BarisRealisasi, *, terkunci: bool) -> RealisasiForm:
        t = baris.tersimpan
        awal = {"nilai": t.nilai, "versi": t.versi, "keterangan": t.keterangan} if t is not None else {}
        if awal.get("nilai") is not None:
            # Shown as every page shows the value (the indicator's decimals, never fewer than stored).
            awal["nilai"] = format_indikator(t.nilai, baris.indikator.desimal)
        return cls(initial=awal, kunci=cls.kunci_untuk(baris.indikator.pk), terkunci=terkunci)


class NilaiVariabelForm(_FormBaris):
    awalan = "v"
    nilai = NilaiField(label="Nilai", **NILAI_DIGITS)
    semula = _semula()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nilai"].widget.attrs.update({"placeholder": "belum diisi"})

    @classmethod
    def dari(cls, masukan: MasukanRumus, *, terkunci: bool) -> NilaiVariabelForm:
        return cls(
            initial={"nilai": masukan.tersimpan, "semula": masukan.tersimpan},
            kunci=cls.kunci_untuk(masukan.masukan.variabel.pk),
            terkunci=terkunci,
        )


class RealisasiAnggaranForm(_FormBaris):
    nilai = NilaiField(label="Realisasi kumulatif (Rp)", **UANG_DIGITS)
    keterangan = forms.CharField(label="Keterangan", max_length=300, required=False)
    semula = NilaiField(widget=forms.HiddenInput, **UANG_DIGITS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nilai"].widget.attrs.update(
            {"aria-label": "Realisasi kumulatif (Rp)", "placeholder": "kosong"}
        )
        self.fields["keterangan"].widget.attrs.update(
            {
                "aria-label": "Keterangan",
                "placeholder": "Keterangan (opsional)",
                "class": "form-control-sm mt-1",
            }
        )

    @classmethod
    def dari(cls, baris: BarisAnggaran, *, terkunci: bool) -> RealisasiAnggaranForm:
        t = baris.tersimpan
        nilai = t.nilai if t is not None else None
        return cls(
            initial={"nilai": nilai, "semula": nilai, "keterangan": t.keterangan if t else ""},
            kunci=cls.kunci_untuk(baris.hasil.level, baris.hasil.objek.pk),
            terkunci=terkunci,
        )


class AnalisisForm(_FormBaris):
    awalan = "a"
    faktor_keberhasilan = forms.CharField(
        label="Faktor keberhasilan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    hambatan = forms.CharField(label="Hambatan", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    tindak_lanjut = forms.CharField(
        label="Upaya / tindak lanjut", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    # What the page showed: "no analysis yet" differs from an analysis whose texts are empty.
    semula_ada = forms.BooleanField(widget=forms.HiddenInput, required=False)
    semula_faktor_keberhasilan = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    semula_hambatan = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    semula_tindak_lanjut = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    @classmethod
    def awal(cls, teks: TeksAnalisis | None) -> dict:
        teks_awal = teks or TeksAnalisis()
        return {
            "faktor_keberhasilan": teks_awal.faktor_keberhasilan,
            "hambatan": teks_awal.hambatan,
            "tindak_lanjut": teks_awal.tindak_lanjut,
            "semula_ada": teks is not None,
            "semula_faktor_keberhasilan": teks_awal.faktor_keberhasilan,
            "semula_hambatan": teks_awal.hambatan,
            "semula_tindak_lanjut": teks_awal.tindak_lanjut,
        }

    @classmethod
    def dari(cls, kartu: KartuAnalisis, *, terkunci: bool) -> AnalisisForm:
        return cls(initial=cls.awal(kartu.teks), kunci=cls.kunci_untuk(kartu.indikator.pk), terkunci=terkunci)

    def teks(self) -> TeksAnalisis:
        d = self.cleaned_data
        return TeksAnalisis(d["faktor_keberhasilan"], d["hambatan"], d["tindak_lanjut"])

    def semula(self) -> TeksAnalisis | None:
        d = self.cleaned_data
        if not d["semula_ada"]:
            return None
        return TeksAnalisis(d["semula_faktor_keberhasilan"], d["semula_hambatan"], d["semula_tindak_lanjut"])


class BarisTabelForm(_FormBaris):
    """The value of one supporting-table row (label and column stay as they are)."""

    awalan = "b"
    nilai = NilaiField(label="Nilai", required=True, **NILAI_DIGITS)
    semula = _semula()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nilai"].error_messages["required"] = (
            "Nilai wajib diisi; untuk menghapus baris gunakan tombol Hapus."
        )

    @classmethod
    def dari(cls, baris: BarisTabelPendukung, *, terkunci: bool) -> BarisTabelForm:
        return cls(
            initial={"nilai": baris.nilai, "semula": baris.nilai},
            kunci=cls.kunci_untuk(baris.pk),
            terkunci=terkunci,
        )


class HapusBarisTabelForm(_FormBaris):
    awalan = "h"
    semula = _semula()

    @classmethod
    def dari(cls, baris: BarisTabelPendukung) -> HapusBarisTabelForm:
        return cls(initial={"semula": baris.nilai}, kunci=cls.kunci_untuk(baris.pk))


class TambahBarisTabelForm(_FormBaris):
    awalan = "t"
    label = forms.CharField(label="Uraian", max_length=300)
    kolom = forms.CharField(label="Kolom", max_length=40)
    nilai = NilaiField(label="Nilai", required=True, **NILAI_DIGITS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["label"].error_messages["required"] = "Uraian wajib diisi."
        self.fields["kolom"].error_messages["required"] = "Kolom wajib diisi (mis. tahun 2022)."
        self.fields["nilai"].error_messages["required"] = "Nilai wajib diisi."

    @classmethod
    def dari(cls, tabel: TabelPendukung, *, terkunci: bool) -> TambahBarisTabelForm:
        return cls(kunci=cls.kunci_untuk(tabel.pk), terkunci=terkunci)


class BuktiForm(BootstrapMixin, forms.Form):
    berkas = forms.FileField(
        label="Berkas (PDF, PNG atau JPEG)",
        # Only a hint for the browser's file picker; the server checks the content itself.
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
        error_messages={"required": "Pilih berkas yang akan diunggah.", "empty": "Berkas kosong."},
    )
    keterangan = forms.CharField(label="Keterangan", max_length=300, required=False)


class CatatanReviuForm(BootstrapMixin, forms.Form):
    teks = forms.CharField(
        label="Catatan reviu",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Tulis isi catatan reviu."},
    )
    indikator = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tribulan = forms.TypedChoiceField(
        label="Tribulan",
        choices=[("", "Seluruh tahun"), *Tribulan.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )


class FormulirUnggah(BootstrapMixin, forms.Form):
    """The filled-in monev template of a Tribulan (capaian.excel.monev reads and checks it)."""

    berkas = forms.FileField(
        label="Berkas template (.xlsx)",
        error_messages={"required": "Pilih berkas template yang sudah diisi.", "empty": "Berkas kosong."},
    )
