"""The probe: one minimal call per feature x model x surface, compared with the profile.

It turns ezrouter's advice to "test the field against the model you intend to use"
into a command (``ezrouter-mock probe``). Modules: ``http`` sends calls and folds the
answers, ``checks`` holds one check per feature, ``runner`` schedules them and compares
with the profile, ``report`` prints and serialises, ``command`` is the CLI.
"""

from .runner import CellResult, ProbeConfig, Report, run_probe, run_sync

__all__ = ["CellResult", "ProbeConfig", "Report", "run_probe", "run_sync"]
