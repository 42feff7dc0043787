# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration for the seccomp-diag documentation: "make docs"
# builds it with sphinx-build -W (every warning is an error).  Only
# Sphinx itself is needed (Debian: python3-sphinx); nothing is fetched
# from the network.

import re
from pathlib import Path

project = 'seccomp-diag'
author = 'The seccomp-diag developers'
copyright = 'The seccomp-diag developers'

# One version for the module, DKMS and the docs: module/Kbuild's.
_kbuild = Path(__file__).resolve().parent.parent / 'module' / 'Kbuild'
_match = re.search(r'^SECCOMP_DIAG_VERSION := (\S+)$', _kbuild.read_text(), re.M)
release = version = _match.group(1) if _match else 'unknown'

extensions = []
master_doc = 'index'
source_suffix = '.rst'
exclude_patterns = ['_build']
language = 'en'
highlight_language = 'none'
pygments_style = 'sphinx'

html_theme = 'classic'
html_static_path = []
html_show_sourcelink = False
html_copy_source = False
html_title = f'seccomp-diag {release}'
