"""Forms of the PK screens, parsed the Indonesian way (`inti.forms.NilaiField`: 0,5 and 1.234.567,89).

A form only parses what was typed and offers what the page's selector read (the candidate indicators
and programs); the services (`perjanjian.services`) decide the rest (indicator of the OPD and in force,
program of the year, no duplicates, an approved PK stays as it is).
"""

from __future__ import annotations

from django import forms

from inti.forms import BootstrapMixin, NilaiField, TanggalField
from inti.periode import NILAI_DIGITS, UANG_DIGITS
from perjanjian import services
from perjanjian.models import PerjanjianKinerja
from perjanjian.selectors import IsianPK, TabelRencanaAksi

PESAN_WAJIB = "%s wajib diisi."
LABEL_TW = {1: "TW I", 2: "TW II", 3: "TW III", 4: "TW IV"}


def _wajib(field: forms.Field, label: str) -> forms.Field:
    field.error_messages["required"] = PESAN_WAJIB % label
    return field


class FormPK(BootstrapMixin, forms.Form):
    """The header of a PK and one row per candidate indicator and per program of the year.

    A candidate's fields are named after its id: `ind_<id>_pakai` (in the PK), `ind_<id>_target`;
    `prog_<id>_pakai`, `prog_<id>_nilai`, `prog_<id>_sumber`.
    """

    dokumen_anggaran = forms.ChoiceField(
        label="Dokumen anggaran acuan",
        choices=PerjanjianKinerja.DokumenAnggaran.choices,
        help_text="PK awal mengacu ke DPA; PK Perubahan biasanya ke DPA Perubahan.",
    )
    tempat = forms.CharField(label="Tempat penandatanganan", max_length=100, required=False)
    tanggal = TanggalField(label="Tanggal penandatanganan", pesan="Tulis tanggal seperti 03/01/2023.")
    pihak_pertama_nama = _wajib(forms.CharField(label="Nama", max_length=200), "Nama pihak pertama")
    pihak_pertama_jabatan = _wajib(forms.CharField(label="Jabatan", max_length=200), "Jabatan pihak pertama")
    pihak_pertama_nip = forms.CharField(label="NIP", max_length=30, required=False)
    pihak_pertama_pangkat = forms.CharField(label="Pangkat/golongan", max_length=100, required=False)
    pihak_kedua_nama = _wajib(forms.CharField(label="Nama", max_length=200), "Nama pihak kedua")
    pihak_kedua_jabatan = _wajib(forms.CharField(label="Jabatan", max_length=200), "Jabatan pihak kedua")
    alasan_perubahan = forms.CharField(
        label="Alasan perubahan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    jejak = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, isian: IsianPK, perubahan: bool = False, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"] = {**isian.awal, **kwargs["initial"]}
        self.isian = isian
        self.perubahan = perubahan
        super().__init__(*args, **kwargs)
        if not perubahan:
            del self.fields["alasan_perubahan"]
        else:
            self.fields["alasan_perubahan"].required = True
            self.fields["alasan_perubahan"].error_messages["required"] = PESAN_WAJIB % "Alasan perubahan"
        self.baris_indikator = []
        for c in isian.indikator:
            i = c.indikator.pk
            pakai = forms.BooleanField(label=f"Pakai {c.indikator.kode}", required=False, initial=c.dipakai)
            target = NilaiField(label=f"Target {c.indikator.kode}", initial=c.target, **NILAI_DIGITS)
            self.fields[f"ind_{i}_pakai"] = pakai
            self.fields[f"ind_{i}_target"] = target
            self.baris_indikator.append((c, f"ind_{i}_pakai", f"ind_{i}_target"))
        self.baris_program = []
        for c in isian.program:
            p = c.program.pk
            self.fields[f"prog_{p}_pakai"] = forms.BooleanField(
                label=f"Pakai {c.program.kode}", required=False, initial=c.dipakai
            )
            self.fields[f"prog_{p}_nilai"] = NilaiField(
                label=f"Anggaran {c.program.kode}", initial=c.nilai, **UANG_DIGITS
            )
            self.fields[f"prog_{p}_sumber"] = forms.CharField(
                label=f"Sumber dana {c.program.kode}", max_length=40, required=False, initial=c.sumber_dana
            )
            self.baris_program.append((c, f"prog_{p}_pakai", f"prog_{p}_nilai", f"prog_{p}_sumber"))
        # Bootstrap classes for the fields added above (BootstrapMixin ran before they existed).
        for nama, field in self.fields.items():
            if nama.startswith(("ind_", "prog_")):
                css = (
                    "form-check-input"
                    if isinstance(field, forms.BooleanField)
                    else "form-control form-control-sm"
                )
                field.widget.attrs["class"] = css
                field.widget.attrs["aria-label"] = field.label

    def baris_tampil(self):
        """(candidate, checkbox, target field) for the template."""
        return [(c, self[p], self[t]) for c, p, t in self.baris_indikator]

    def program_tampil(self):
        return [(c, self[p], self[n], self[s]) for c, p, n, s in self.baris_program]

    def clean(self):
        data = super().clean()
        for c, pakai, target in self.baris_indikator:
            if data.get(pakai) and data.get(target) is None and target not in self.errors:
                self.add_error(target, f"Target indikator {c.indikator.kode} wajib diisi.")
        for c, pakai, nilai, _ in self.baris_program:
            if data.get(pakai) and data.get(nilai) is None and nilai not in self.errors:
                self.add_error(nilai, f"Anggaran program {c.program.kode} wajib diisi.")
        return data

    def kepala(self) -> services.KepalaPK:
        d = self.cleaned_data
        return services.KepalaPK(
            dokumen_anggaran=d["dokumen_anggaran"],
            tempat=d["tempat"],
            tanggal=d["tanggal"],
            pihak_pertama_nama=d["pihak_pertama_nama"],
            pihak_pertama_jabatan=d["pihak_pertama_jabatan"],
            pihak_pertama_nip=d["pihak_pertama_nip"],
            pihak_pertama_pangkat=d["pihak_pertama_pangkat"],
            pihak_kedua_nama=d["pihak_kedua_nama"],
            pihak_kedua_jabatan=d["pihak_kedua_jabatan"],
            alasan_perubahan=d.get("alasan_perubahan", ""),
        )

    def baris(self) -> list[services.BarisMasukan]:
        d = self.cleaned_data
        return [
            services.BarisMasukan(c.indikator.pk, d[target])
            for c, pakai, target in self.baris_indikator
            if d.get(pakai)
        ]

    def anggaran(self) -> list[services.AnggaranMasukan]:
        d = self.cleaned_data
        return [
            services.AnggaranMasukan(c.program.pk, d[nilai], d[sumber] or "APBD")
            for c, pakai, nilai, sumber in self.baris_program
            if d.get(pakai)
        ]

    def field_kepala(self):
        return [self[n] for n in ("dokumen_anggaran", "tempat", "tanggal")]

    def field_pihak_pertama(self):
        return [
            self[n]
            for n in (
                "pihak_pertama_nama",
                "pihak_pertama_jabatan",
                "pihak_pertama_nip",
                "pihak_pertama_pangkat",
            )
        ]

    def field_pihak_kedua(self):
        return [self[n] for n in ("pihak_kedua_nama", "pihak_kedua_jabatan")]


class FormPerubahan(BootstrapMixin, forms.Form):
    alasan_perubahan = forms.CharField(
        label="Alasan perubahan",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": PESAN_WAJIB % "Alasan perubahan"},
        help_text="Mis. penyesuaian dengan DPA Perubahan dan perubahan Renstra.",
    )
    dokumen_anggaran = forms.ChoiceField(
        label="Dokumen anggaran acuan",
        choices=PerjanjianKinerja.DokumenAnggaran.choices,
        initial=PerjanjianKinerja.DokumenAnggaran.DPA_PERUBAHAN,
    )


class FormSetujui(BootstrapMixin, forms.Form):
    catatan = forms.CharField(
        label="Catatan persetujuan (opsional)", max_length=500, required=False,
        widget=forms.TextInput(attrs={"placeholder": "mis. sesuai hasil rapat pimpinan"}),
    )  # fmt: skip
    jejak = forms.CharField(widget=forms.HiddenInput, required=False)


class FormHapus(forms.Form):
    jejak = forms.CharField(widget=forms.HiddenInput, required=False)


class FormRencanaAksi(BootstrapMixin, forms.Form):
    """One target and one planned action per PK row and Tribulan: `ra_<baris>_<tw>_target`, `..._uraian`."""

    jejak = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, tabel: TabelRencanaAksi, **kwargs):
        super().__init__(*args, **kwargs)
        self.tabel = tabel
        self.initial.setdefault("jejak", tabel.jejak)
        self.sel = []
        for b in tabel.baris:
            for s in b.sel:
                awalan = f"ra_{b.baris.pk}_{s.tribulan}"
                kode = b.indikator.kode
                target = NilaiField(label=f"Target TW {s.tribulan} {kode}", initial=s.target, **NILAI_DIGITS)
                target.widget = forms.TextInput(
                    attrs={"inputmode": "decimal", "autocomplete": "off", "class": "form-control form-control-sm",
                           "aria-label": f"Target TW {s.tribulan} {kode}", "placeholder": "target"}
                )  # fmt: skip
                uraian = forms.CharField(
                    label=f"Rencana aksi TW {s.tribulan} {kode}", required=False, initial=s.uraian,
                    widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm mt-1",
                                                 "aria-label": f"Rencana aksi TW {s.tribulan} {kode}",
                                                 "placeholder": "rencana aksi"}),
                )  # fmt: skip
                if not tabel.boleh_ubah:
                    target.disabled = uraian.disabled = True
                self.fields[f"{awalan}_target"] = target
                self.fields[f"{awalan}_uraian"] = uraian
                self.sel.append((b.baris.pk, s.tribulan, f"{awalan}_target", f"{awalan}_uraian"))

    def baris_tampil(self):
        """Per table row: (row, [(Tribulan label, target field, action field) for TW I–IV])."""
        per_baris = {}
        for baris_id, tw, target, uraian in self.sel:
            per_baris.setdefault(baris_id, []).append((LABEL_TW[tw], self[target], self[uraian]))
        return [(b, per_baris[b.baris.pk]) for b in self.tabel.baris]

    def isian(self) -> list[services.RencanaAksiMasukan]:
        d = self.cleaned_data
        return [
            services.RencanaAksiMasukan(baris_id, tw, d[target], d[uraian])
            for baris_id, tw, target, uraian in self.sel
        ]
