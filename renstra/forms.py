"""Forms of the renstra screens. They parse what the user typed; the rules live in `renstra.services`.

Choices show their labels, never the stored codes. The negative rule and the aggregation start blank on a
new indicator: the user picks them, nothing is defaulted silently.
"""

from __future__ import annotations

from django import forms

from inti.forms import BootstrapMixin, NilaiField
from inti.periode import NILAI_DIGITS
from renstra.models import Indikator, TargetIndikator
from renstra.services import DataIndikator, DataRenstra, DataTujuanSasaran, DataVariabel

PILIH = ("", "— pilih —")

TEKS_PANJANG = forms.Textarea(attrs={"rows": 3})


def tambah_galat(form: forms.Form, galat) -> None:
    """Put a service's ValidationError on the form: per field where it names one, else on the form."""
    if hasattr(galat, "error_dict"):
        for nama, pesan in galat.message_dict.items():
            form.add_error(nama if nama in form.fields else None, pesan)
    else:
        form.add_error(None, galat.messages)


class TahunField(forms.IntegerField):
    """A year typed with four digits; no spinner and no thousands separator."""

    widget = forms.TextInput

    def __init__(self, label: str, **kwargs):
        super().__init__(label=label, min_value=2000, max_value=2100, **kwargs)
        self.error_messages.update({
            "invalid": "Tulis tahun dengan empat angka, mis. 2022.",
            "min_value": "Tahun paling awal 2000.",
            "max_value": "Tahun paling akhir 2100.",
            "required": f"{label} wajib diisi.",
        })

    def widget_attrs(self, widget):
        return {"inputmode": "numeric", "maxlength": "4"}


class RenstraForm(BootstrapMixin, forms.Form):
    nama = forms.CharField(label="Nama Renstra", max_length=200)
    tahun_awal = TahunField("Tahun awal")
    tahun_akhir = TahunField("Tahun akhir")
    dasar_hukum = forms.CharField(
        label="Dasar hukum", max_length=300, required=False, help_text="Mis. Peraturan Wali Kota Nomor … Tahun …"
    )
    visi = forms.CharField(label="Visi", required=False, widget=TEKS_PANJANG)
    misi = forms.CharField(label="Misi", required=False, widget=forms.Textarea(attrs={"rows": 5}), help_text="Satu misi per baris.")

    @classmethod
    def awal(cls, renstra) -> dict:
        return {f: getattr(renstra, f) for f in cls.base_fields}

    def data_renstra(self) -> DataRenstra:
        return DataRenstra(**self.cleaned_data)


class RevisiForm(BootstrapMixin, forms.Form):
    nama = forms.CharField(label="Nama Renstra revisi", max_length=200)
    tahun_awal = TahunField("Berlaku mulai tahun", help_text="Tahun-tahun sebelumnya tetap memakai Renstra yang direvisi.")
    dasar_hukum = forms.CharField(label="Dasar hukum revisi", max_length=300, required=False)
    indikator = forms.TypedMultipleChoiceField(
        label="Indikator yang dibawa ke revisi",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Indikator yang dibawa tetap indikator yang sama: kode, target, realisasi, PK dan definisi "
        "tahunannya ikut. Yang tidak dicentang tetap di Renstra lama.",
    )

    def __init__(self, *args, pilihan=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indikator"].choices = list(pilihan)
        self.fields["indikator"].widget.attrs["class"] = "form-check-input"


class TujuanSasaranForm(BootstrapMixin, forms.Form):
    kode = forms.CharField(label="Kode", max_length=20, help_text="Mis. 2 untuk tujuan, 2.1 untuk sasaran")
    nama = forms.CharField(label="Uraian", max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=32767, required=False, initial=0)
    tahun_mulai = TahunField("Berlaku mulai tahun", required=False, help_text="Kosong: sejak awal periode")
    tahun_selesai = TahunField("Berlaku sampai tahun", required=False, help_text="Kosong: sampai akhir periode")
    keterangan = forms.CharField(label="Keterangan", max_length=300, required=False)

    def __init__(self, *args, sasaran: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if sasaran:
            del self.fields["keterangan"]

    @classmethod
    def awal(cls, obj) -> dict:
        return {f: getattr(obj, f, "") for f in cls.base_fields}

    def data_bagian(self) -> DataTujuanSasaran:
        return DataTujuanSasaran(**self.cleaned_data)


LABEL_AGREGASI = "Nilai tahunan dari nilai Tribulan (agregasi)"
LABEL_ATURAN = "Rumus capaian bila polaritas negatif"


class IndikatorForm(BootstrapMixin, forms.Form):
    kode = forms.CharField(label="Kode", max_length=60, help_text="Mis. S2.1-1; unik di OPD untuk indikator Renstra")
    nama = forms.CharField(label="Nama indikator", max_length=400, widget=forms.Textarea(attrs={"rows": 2}))
    satuan = forms.CharField(label="Satuan", max_length=40, required=False, help_text="Mis. %, Nilai, Peserta, Pasar, Rupiah")
    iku = forms.BooleanField(label="Indikator Kinerja Utama (IKU)", required=False)
    polaritas = forms.ChoiceField(label="Polaritas", choices=[PILIH, *Indikator.Polaritas.choices])
    aturan_negatif = forms.ChoiceField(
        label=LABEL_ATURAN,
        choices=[PILIH, *Indikator.AturanNegatif.choices],
        required=False,
        help_text="Wajib dipilih untuk indikator negatif (T = target, R = realisasi); tidak dipakai untuk indikator positif.",
    )
    agregasi = forms.ChoiceField(label=LABEL_AGREGASI, choices=[PILIH, *Indikator.Agregasi.choices])
    jenis_nilai = forms.ChoiceField(
        label="Jenis nilai",
        choices=Indikator.JenisNilai.choices,
        initial=Indikator.JenisNilai.BEBAS,
        required=False,
        help_text="Realisasi negatif ditolak untuk indikator jumlah atau uang (satuan orang, unit, Rupiah...).",
    )
    desimal = forms.IntegerField(
        label="Jumlah desimal",
        min_value=0,
        max_value=6,
        help_text="Presisi tampilan dan presisi realisasi yang dihitung: realisasi dibulatkan ke jumlah desimal "
        "ini sebelum capaian dihitung (desimal 0 membuat 104,7 menjadi 105).",
    )
    urutan = forms.IntegerField(label="Urutan", min_value=0, max_value=32767, required=False, initial=0)
    definisi_operasional = forms.CharField(label="Definisi operasional", required=False, widget=TEKS_PANJANG)
    formula_uraian = forms.CharField(
        label="Formula (uraian)", required=False, widget=TEKS_PANJANG, help_text="Rumus seperti tertulis di Metadata IKU."
    )
    rumus = forms.CharField(
        label="Rumus hitung",
        max_length=500,
        required=False,
        help_text="Aritmetika atas nama variabel di bawah, mis. (produksi_n - produksi_n1) / produksi_n1 * 100. "
        "Kosongkan bila realisasi diisi langsung.",
    )
    sumber_data = forms.CharField(label="Sumber data", max_length=300, required=False)
    penanggung_jawab = forms.CharField(label="Penanggung jawab", max_length=300, required=False)

    error_messages_wajib = {
        "polaritas": "Pilih polaritas indikator: positif atau negatif.",
        "agregasi": "Pilih cara menghitung nilai tahunan dari nilai Tribulan (agregasi).",
        "kode": "Kode wajib diisi.",
        "nama": "Nama indikator wajib diisi.",
        "desimal": "Jumlah desimal wajib diisi (0 sampai 6).",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama, pesan in self.error_messages_wajib.items():
            self.fields[nama].error_messages["required"] = pesan
        self.fields["rumus"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false", "class": "form-control font-monospace"})

    @classmethod
    def awal(cls, indikator: Indikator) -> dict:
        awal = {f: getattr(indikator, f) for f in cls.base_fields}
        if indikator.polaritas != Indikator.Polaritas.NEGATIF:
            awal["aturan_negatif"] = ""  # meaningless for a positive indicator: shown as not chosen
        return awal

    def clean(self):
        data = super().clean()
        if data.get("polaritas") == Indikator.Polaritas.NEGATIF and not data.get("aturan_negatif"):
            self.add_error(
                "aturan_negatif",
                "Indikator negatif wajib memilih rumus capaiannya: (2T − R) / T × 100 atau T / R × 100.",
            )
        return data

    def data_indikator(self) -> DataIndikator:
        d = self.cleaned_data
        return DataIndikator(
            **{k: d[k] for k in self.base_fields if k not in ("aturan_negatif", "urutan", "jenis_nilai")},
            aturan_negatif=d["aturan_negatif"] or None,
            urutan=d["urutan"] or 0,
            jenis_nilai=d["jenis_nilai"] or Indikator.JenisNilai.BEBAS,
        )


class VariabelForm(BootstrapMixin, forms.Form):
    pk = forms.IntegerField(required=False, widget=forms.HiddenInput)
    nama = forms.CharField(label="Nama di rumus", max_length=60, required=False)
    label = forms.CharField(label="Uraian", max_length=300, required=False)
    satuan = forms.CharField(label="Satuan", max_length=40, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nama"].widget.attrs.update({"class": "form-control font-monospace nama-variabel", "autocomplete": "off", "spellcheck": "false"})


VariabelFormSet = forms.formset_factory(VariabelForm, extra=2, can_delete=True)
PREFIX_VARIABEL = "variabel"


def variabel_formset(data=None, indikator: Indikator | None = None):
    awal = None
    if data is None and indikator is not None:
        awal = [{"pk": v.pk, "nama": v.nama, "label": v.label, "satuan": v.satuan} for v in indikator.variabel_set.all()]
    formset = VariabelFormSet(data, initial=awal, prefix=PREFIX_VARIABEL)
    for form in formset.forms:
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Hapus"
            form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
    return formset


def data_variabel(formset) -> list[DataVariabel]:
    hasil = []
    for urutan, form in enumerate(formset.forms):
        d = form.cleaned_data
        if not d:
            continue
        hasil.append(
            DataVariabel(
                nama=d.get("nama", ""), label=d.get("label", ""), satuan=d.get("satuan", ""),
                urutan=urutan, pk=d.get("pk"), hapus=bool(d.get("DELETE")),
            )
        )
    return hasil


def nama_variabel_dari_query(query) -> set[str]:
    """The input names a form (as typed, in a GET or POST) declares, without the rows marked deleted."""
    nama = set()
    for kunci, isi in query.items():
        if kunci.startswith(f"{PREFIX_VARIABEL}-") and kunci.endswith("-nama") and isi.strip():
            awalan = kunci[: -len("nama")]
            if not query.get(f"{awalan}DELETE"):
                nama.add(isi.strip())
    return nama


class TargetForm(BootstrapMixin, forms.Form):
    """One field per (year, document) of the indicator's target table; frozen years are read-only."""

    def __init__(self, *args, tabel, **kwargs):
        super().__init__(*args, **kwargs)
        self.tabel = tabel
        for baris in tabel.baris:
            for sel in baris.sel:
                medan = NilaiField(label=f"{sel.label_dokumen} {sel.tahun}", **NILAI_DIGITS)
                medan.initial = sel.nilai
                medan.disabled = baris.beku
                medan.widget.attrs.update(
                    {"aria-label": f"Target {sel.label_dokumen} {sel.tahun}", "class": "form-control form-control-sm"}
                )
                self.fields[sel.nama] = medan

    def nilai(self) -> dict[tuple[int, str], object]:
        """The cells that were posted and not disabled, as {(tahun, dokumen): value}. A cell missing from
        the request is left alone: only an input sent empty clears a target."""
        hasil = {}
        for baris in self.tabel.baris:
            if baris.beku:
                continue
            for sel in baris.sel:
                if self.add_prefix(sel.nama) in self.data:
                    hasil[(sel.tahun, sel.dokumen)] = self.cleaned_data.get(sel.nama)
        return hasil

    def baris(self):
        """(baris, [(sel, bound field)]) for the template."""
        return [(b, [(s, self[s.nama]) for s in b.sel]) for b in self.tabel.baris]


DOKUMEN_TARGET = TargetIndikator.Dokumen
