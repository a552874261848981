"""Filters of the capaian tables (django-filter).

The figures are computed by the engine, not stored, so a filter works in two steps. The OPD filter is
a real queryset filter on the OPDs the user may read: it decides which OPD-years the engine computes.
The year is read from the form and handed to the engine. Level, category, polarity and "IKU only" are
properties of computed rows: the filterset validates them like any form field, and `saring` applies
them to the list of rows, so a filter on category sees the category the engine gave. The indicator
table's "Rencana Aksi" choice keeps every row and adds the chosen Tribulan's target, realisasi and capaian.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

import django_filters
from django import forms

from anggaran.models import LABEL_LEVEL_MATA
from inti.forms import BootstrapMixin
from inti.models import OPD
from inti.periode import NAMA_TRIBULAN
from renstra.models import Indikator

TANPA_KATEGORI = "tanpa"
LEVEL_ANGGARAN = tuple(LABEL_LEVEL_MATA.items())


class FormFilter(BootstrapMixin, forms.Form):
    pass


class FilterCapaianDasar(django_filters.FilterSet):
    """OPD and year, shared by every capaian table. The queryset is the OPDs the user may read."""

    opd = django_filters.ModelChoiceFilter(
        method="saring_opd",
        to_field_name="kode",
        label="OPD",
        empty_label="Semua OPD",
        queryset=OPD.objects.none(),
    )
    tahun = django_filters.ChoiceFilter(label="Tahun", method="lewati", empty_label=None)

    class Meta:
        model = OPD
        fields: list[str] = []
        form = FormFilter

    def __init__(
        self, data=None, queryset=None, *, request=None, tahun_pilihan: Sequence[int] = (), **kwargs
    ):
        self.tahun_bawaan = max(tahun_pilihan) if tahun_pilihan else None
        if data is not None and not data.get("tahun") and self.tahun_bawaan:
            # No year asked: the latest year with data, shown as chosen in the form.
            data = data.copy()
            data["tahun"] = str(self.tahun_bawaan)
        super().__init__(data, queryset, request=request, **kwargs)
        # The OPD choices are exactly the OPDs the view computes from: one cannot name another OPD.
        self.filters["opd"].queryset = self.queryset
        self.filters["tahun"].extra["choices"] = [
            (str(t), str(t)) for t in sorted(tahun_pilihan, reverse=True)
        ]

    def saring_opd(self, queryset, name, value):
        return queryset.filter(pk=value.pk)

    def lewati(self, queryset, name, value):
        # Applied to the computed rows in `saring`, or read by the view: nothing to do on the OPDs.
        return queryset

    @property
    def tahun_terpilih(self) -> int | None:
        """The chosen year, or the latest year with data when none is chosen."""
        if self.form.is_valid() and self.form.cleaned_data.get("tahun"):
            return int(self.form.cleaned_data["tahun"])
        return self.tahun_bawaan

    def saring(self, baris: Iterable) -> list:
        return list(baris)

    def isi_terpakai(self) -> list[tuple[str, str]]:
        """("Filter: <label>", value as the form shows it) for every filter in use: what an export says it
        was made with. Call on a valid filterset."""
        data = self.form.cleaned_data
        isi = []
        for nama, f in self.filters.items():
            nilai = data.get(nama)
            if nilai in (None, "", False):
                continue
            if nama == "opd":
                nilai = nilai.nama
            elif f.extra.get("choices"):
                nilai = dict(f.extra["choices"]).get(nilai, nilai)
            elif nilai is True:
                nilai = "ya"
            isi.append((f"Filter: {f.label}", str(nilai)))
        return isi


class FilterIndikator(FilterCapaianDasar):
    level = django_filters.ChoiceFilter(
        label="Level", choices=Indikator.Level.choices, method="lewati", empty_label="Semua level"
    )
    kategori = django_filters.ChoiceFilter(label="Kategori", method="lewati", empty_label="Semua kategori")
    polaritas = django_filters.ChoiceFilter(
        label="Polaritas",
        choices=[("positif", "Positif"), ("negatif", "Negatif")],
        method="lewati",
        empty_label="Semua polaritas",
    )
    iku = django_filters.BooleanFilter(label="Hanya IKU", method="lewati", widget=forms.CheckboxInput)
    # Not a filter of rows: the Tribulan whose Rencana Aksi target, realisasi and capaian get columns.
    tribulan = django_filters.ChoiceFilter(
        label="Rencana Aksi",
        choices=[(str(t), nama) for t, nama in NAMA_TRIBULAN.items()],
        method="lewati",
        empty_label="Tanpa kolom tribulan",
    )

    def __init__(self, *args, kategori_pilihan: Sequence[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kategori"].extra["choices"] = [(k, k) for k in kategori_pilihan] + [
            (TANPA_KATEGORI, "Tanpa kategori")
        ]

    def saring(self, baris: Iterable) -> list:
        data = self.form.cleaned_data
        level, kategori = data.get("level"), data.get("kategori")
        polaritas, hanya_iku = data.get("polaritas"), data.get("iku")
        tribulan = int(data["tribulan"]) if data.get("tribulan") else None
        hasil = []
        for b in baris:
            if level and b.hasil.level != level:
                continue
            if kategori and (b.kategori or TANPA_KATEGORI) != kategori:
                continue
            if polaritas and str(b.hasil.polaritas) != polaritas:
                continue
            if hanya_iku and not b.hasil.iku:
                continue
            hasil.append(replace(b, tribulan=tribulan) if tribulan else b)
        return hasil


class FilterAnggaran(FilterCapaianDasar):
    level = django_filters.ChoiceFilter(
        label="Level", choices=LEVEL_ANGGARAN, method="lewati", empty_label="Semua level"
    )

    def saring(self, baris: Iterable) -> list:
        level = self.form.cleaned_data.get("level")
        return [b for b in baris if not level or b.hasil.level == level]
