"""Forms of the DPA screens. They parse what was typed (Rupiah the Indonesian way: 8.964.583.767 or
8.964.583.767,50) and check its shape; the services (`anggaran.services`) decide everything else and
their messages are put back on the form's fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from inti.forms import BootstrapMixin, NilaiField
from inti.periode import TRIBULAN, UANG_DIGITS

BANTUAN_RUPIAH = "Rupiah, mis. 8.964.583.767 (koma untuk sen). Kosongkan bila belum ada."


def _rupiah(label: str, **kwargs) -> NilaiField:
    return NilaiField(label=label, help_text=BANTUAN_RUPIAH, **UANG_DIGITS, **kwargs)


def _semula() -> NilaiField:
    return NilaiField(widget=forms.HiddenInput, **UANG_DIGITS)


class MataAnggaranForm(BootstrapMixin, forms.Form):
    """Code, name and pagu of a program, kegiatan or sub kegiatan (and a program's sasaran)."""

    kode = forms.CharField(label="Kode", max_length=40)
    nama = forms.CharField(label="Nama", max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    sasaran = forms.TypedChoiceField(label="Mendukung sasaran", required=False, coerce=int, empty_value=None)
    pagu_dpa = _rupiah("Pagu DPA (murni)")
    pagu_dpa_perubahan = _rupiah("Pagu DPA Perubahan")
    semula_dpa = _semula()
    semula_dpa_perubahan = _semula()
    alasan = forms.CharField(
        label="Alasan perubahan",
        max_length=60,
        required=False,
        help_text="Dicatat di riwayat, mis. “DPA Perubahan Oktober”.",
    )

    def __init__(self, *args, level: str, contoh_kode: str, sasaran_pilihan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.level = level
        self.fields["kode"].widget.attrs.update(
            {"placeholder": contoh_kode, "autocomplete": "off", "spellcheck": "false"}
        )
        self.fields["kode"].help_text = f"Kode nomenklatur Kepmendagri 050-3708/2020, mis. {contoh_kode}."
        if level == "program":
            self.fields["sasaran"].choices = [
                ("", "— penunjang, tidak untuk satu sasaran —"),
                *(sasaran_pilihan or []),
            ]
            self.fields["sasaran"].help_text = "Kosongkan untuk Program Penunjang yang mendukung seluruh OPD."
        else:
            del self.fields["sasaran"]

    def clean_kode(self):
        return self.cleaned_data["kode"].strip()

    def pagu(self) -> dict:
        """{dokumen: (nilai, semula)} for `mata_anggaran_ubah`."""
        d = self.cleaned_data
        return {
            "dpa": (d.get("pagu_dpa"), d.get("semula_dpa")),
            "dpa_perubahan": (d.get("pagu_dpa_perubahan"), d.get("semula_dpa_perubahan")),
        }

    def pagu_baru(self) -> dict:
        d = self.cleaned_data
        return {"dpa": d.get("pagu_dpa"), "dpa_perubahan": d.get("pagu_dpa_perubahan")}

    def tampilkan_galat(self, galat: ValidationError) -> None:
        """A service's refusal on the fields it names (or above the form)."""
        if hasattr(galat, "error_dict"):
            for medan, daftar in galat.message_dict.items():
                self.add_error(medan if medan in self.fields else None, daftar)
        else:
            self.add_error(None, galat.messages)


class HapusForm(BootstrapMixin, forms.Form):
    alasan = forms.CharField(label="Alasan penghapusan", max_length=60, required=False)


class RencanaForm(BootstrapMixin, forms.Form):
    """One sub kegiatan's planned cumulative spending up to each Tribulan, and what the page showed."""

    alasan = forms.CharField(label="Alasan", max_length=60, required=False)

    def __init__(self, *args, kunci: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"id_{kunci}_%s" if kunci else "id_%s")
        super().__init__(*args, **kwargs)
        self.kunci = kunci
        for t in TRIBULAN:
            self.fields[f"tw{t}"] = NilaiField(label=f"s.d. TW {t}", **UANG_DIGITS)
            self.fields[f"tw{t}"].widget.attrs.update(
                {
                    "class": "form-control form-control-sm text-end",
                    "aria-label": f"Rencana s.d. TW {t} (Rp)",
                    "placeholder": "–",
                }
            )
            self.fields[f"semula{t}"] = _semula()

    @classmethod
    def dari(cls, baris) -> RencanaForm:
        awal = {}
        for t in TRIBULAN:
            awal[f"tw{t}"] = awal[f"semula{t}"] = baris.rencana.get(t)
        return cls(initial=awal, kunci=baris.kunci)

    def nilai(self) -> dict:
        return {t: self.cleaned_data.get(f"tw{t}") for t in TRIBULAN}

    def semula(self) -> dict:
        return {t: self.cleaned_data.get(f"semula{t}") for t in TRIBULAN}

    @property
    def kolom_tw(self):
        return [self[f"tw{t}"] for t in TRIBULAN]

    @property
    def kolom_semula(self):
        return [self[f"semula{t}"] for t in TRIBULAN]


class UnggahForm(BootstrapMixin, forms.Form):
    berkas = forms.FileField(
        label="Berkas DPA (.xlsx)",
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )
