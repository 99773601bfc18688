"""followup: draft and lint job-interview thank-you and follow-up letters."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("followup")
except PackageNotFoundError:  # running from a checkout without an install
    __version__ = "0.0.0+checkout"
