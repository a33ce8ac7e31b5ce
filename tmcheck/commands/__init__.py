"""tmcheck's commands, one module each (lint, rules, facts, memory and suggest, review, glossary).

cli.py imports a command's module only when that command runs (or ``--help`` lists it), so that
``tmcheck lint`` pays nothing for the others; this package itself holds only the exit statuses
that the commands and ``cli.run`` share.
"""

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
