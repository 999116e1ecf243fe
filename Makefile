# Two commands: `make reproduce` (every table and figure) and `make test`.
# Both create .venv once with the exact pins of requirements.lock.
PYTHON_SYS ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SEED ?= 20260101
export SOURCE_DATE_EPOCH := 0
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg

.PHONY: reproduce tables notebooks validation fit test lab volumes bench bench-micro lock clean

reproduce: tables validation notebooks  # validation first: figure 03's caption quotes it

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON_SYS) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip==26.3"
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

tables: $(STAMP)
	$(PY) -m analysis run data/raw --out build --seed $(SEED)

notebooks: tables validation
	$(PY) -m analysis notebooks --seed $(SEED)

# Held-out (leave-one-document-out) agreement with the coded corpus:
# tables in build/validation, figure figures/validation-confusion.*;
# mention stance vs the coded stance set: build/validation/stance_agreement.csv;
# objective kinds vs the hand-coded kinds: build/validation/objective_kinds.txt;
# objectives on the three blind synthetic sets: build/validation/objectives_blind*.txt;
# the shipped model on the four sets of twelve synthetic statements coded for verdicts, which
# it was never fitted on: build/validation/synthetic_verdicts*.txt
validation: $(STAMP)
	mkdir -p build
	$(PY) -m analysis validate data/coded/gold data/coded --cv --by region --seed $(SEED) \
		--stance data/coded/mention_stance \
		--out build/validation --figure figures > build/validation.txt
	$(PY) -c "from analysis.progress.kinds import coded_agreement; print(coded_agreement('data/coded'))" \
		> build/validation/objective_kinds.txt
	for d in objectives_blind objectives_blind_2 objectives_blind_3; do \
		$(PY) -m analysis validate data/coded/$$d/gold data/coded/$$d --by region --seed $(SEED) \
			--second-coder data/coded/$$d/coder-B --out build/validation/$$d > build/validation/$$d.txt || exit 1; \
	done
	for d in synthetic_verdicts synthetic_verdicts_2 synthetic_verdicts_3 synthetic_verdicts_4; do \
		$(PY) -m analysis validate data/coded/$$d/gold data/coded/$$d --seed $(SEED) \
			$$(test -f data/coded/$$d/provenance.csv && echo --by region) \
			--second-coder data/coded/$$d/coder-B --out build/validation/$$d > build/validation/$$d.txt || exit 1; \
	done

# JupyterLab in the project's environment, on the notebooks folder.
lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks

# Refit the verdict model (analysis/data/progress_model.csv) from the coded corpus.
fit: $(STAMP)
	$(PY) -m analysis fit data/coded

# `make test`: every test but those marked slow (whole-corpus computations:
# leave-one-document-out, the executed notebooks, whole-volume timings);
# `make test SLOW=1` runs them too — that is what CI (.ci/run) runs.
test: $(STAMP)
	$(PY) -m pytest -q $(if $(SLOW),,-m "not slow")

# The ten whole FRUS volumes of ../shared/frus-volumes (33 MB), every core.
volumes: $(STAMP)
	$(PY) -m analysis run ../shared/frus-volumes --out build/volumes --seed $(SEED)

bench: $(STAMP)
	$(PY) benchmarks/run.py

bench-micro: $(STAMP)
	$(PY) benchmarks/run_all.py

lock:
	$(PY) -m pip freeze --exclude-editable > requirements.lock

clean:
	rm -rf build
