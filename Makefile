# party_quant — see README.md. Odoo 18.0 is found at ODOO_PATH (default /opt/odoo;
# make setup clones ODOO_SOURCE there when it is missing) and run with ODOO_PYTHON
# (default: the virtualenv make setup creates, see tools/common.sh).
export ODOO_PATH ?= /opt/odoo

.PHONY: setup run start backup restore backup-smoke test smoke pytest lint pot bench bench-scale bench-peak help

help:
	@echo "make setup | run | start DB=... | backup DB=... | restore FILE=... DB=... | test | smoke | backup-smoke | pytest | lint | pot | bench | bench-scale [SHAPE=company] | bench-peak"

setup:
	bash tools/setup.sh

run:
	bash tools/run.sh

# A production database: no demo data, zh_CN, the company's name and the admin's
# password (tools/start.sh; README.md, "Going live").
start:
	bash tools/start.sh

# The database and its filestore in one checked zip under BACKUP_DIR (tools/backup.sh).
backup:
	bash tools/backup.sh

restore:
	bash tools/restore.sh

# start, backup, restore under another name, the restored instance serving a handbook.
backup-smoke:
	bash tools/backup_smoke.sh

test:
	bash tools/test.sh

# The production mode end to end: prefork server, two roles over JSON-RPC, a PDF,
# a background job (tools/smoke.sh).
smoke:
	bash tools/smoke.sh

pytest:
	bash tools/pytest.sh

lint:
	bash tools/lint.sh

# Export the terms to i18n/party_quant.pot and merge them into zh_CN.po.
pot:
	bash tools/pot.sh

# Speed measures (tools/bench.py) on the test database; nothing is kept.
bench:
	bash tools/bench.sh

# The issue-14 dataset (SIZE members, default 100000) against its floors; see README.
bench-scale:
	bash -c 'source tools/common.sh && require_odoo && exec "$$ODOO_PYTHON" tools/bench_scale.py "$$(addons_path)" "$$DATA_DIR"'

# issue 24: the month-end peak over HTTP against the prefork server, on a database kept
# by `KEEP=1 make bench-scale` (SHAPE=company by default); see README, "At the peak".
bench-peak:
	bash -c 'source tools/common.sh && require_odoo && exec "$$ODOO_PYTHON" tools/bench_peak.py "$$(addons_path)" "$$DATA_DIR"'
