# Shared rules of the SAM builds: template.yaml gives every function `Metadata: BuildMethod:
# makefile`, and `sam build` then runs, for each function,
#
#   make --makefile functions/<module>/Makefile build-<LogicalId>     (ARTIFACTS_DIR=<its dir>)
#
# in a scratch copy of functions/<module>. A module cannot be built from that copy alone (it
# needs the parent poms and its sibling modules), so these rules work on the repository the
# Makefile lives in: ONE Maven run packages every function module (-am also builds
# shared-crypto and functions-common), then each target copies its module's shaded
# target/<artifactId>-<version>-lambda.jar (functions/pom.xml) to ARTIFACTS_DIR/lib/, where the
# Lambda Java runtime puts it on the classpath. Maven runs again only when a source file or a
# pom is newer than the last run, so the second to sixth functions of one `sam build` are
# copies. Override MVN or QS_MAVEN_ARGS to taste (e.g. QS_MAVEN_ARGS='-B -o -Dmaven.test.skip').

QS_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
MVN ?= mvn
QS_MAVEN_ARGS ?= -B -q -Dstyle.color=never -Dmaven.test.skip=true
QS_BUILD_DIR := $(QS_ROOT)/target/sam-build
QS_STAMP := $(QS_BUILD_DIR)/maven.stamp

qs_comma := ,
qs_empty :=
qs_space := $(qs_empty) $(qs_empty)
# Every function module: the folders under functions/ that have a SAM Makefile.
QS_FUNCTIONS := $(patsubst $(QS_ROOT)/%/Makefile,%,$(wildcard $(QS_ROOT)/functions/*/Makefile))
QS_SOURCES := $(shell find $(QS_ROOT)/pom.xml $(QS_ROOT)/shared-crypto $(QS_ROOT)/functions \
  -name target -prune -o -type f \( -name pom.xml -o -path '*/src/main/*' \) -print)
# Two functions built at once (sam build --parallel) must not run Maven at once.
QS_LOCK := $(if $(shell command -v flock 2>/dev/null),flock $(QS_BUILD_DIR)/maven.lock,)

$(QS_STAMP): $(QS_SOURCES)
	@mkdir -p $(QS_BUILD_DIR)
	cd $(QS_ROOT) && $(QS_LOCK) $(MVN) $(QS_MAVEN_ARGS) \
	  -pl $(subst $(qs_space),$(qs_comma),$(QS_FUNCTIONS)) -am package
	@touch $@

# $(call qs_lambda_jar,functions/<module>): the recipe of a build-<LogicalId> target.
define qs_lambda_jar
	@test -n "$(ARTIFACTS_DIR)" || { echo "sam-build.mk: ARTIFACTS_DIR is not set: run sam build" >&2; exit 1; }
	@jars="$$(ls $(QS_ROOT)/$(1)/target/*-lambda.jar 2>/dev/null)"; \
	  test "$$(echo "$$jars" | grep -c .)" = 1 || { echo "sam-build.mk: expected one -lambda.jar in $(1)/target, found: $$jars" >&2; exit 1; }; \
	  rm -rf "$(ARTIFACTS_DIR)/lib" && mkdir -p "$(ARTIFACTS_DIR)/lib" && cp "$$jars" "$(ARTIFACTS_DIR)/lib/" && \
	  echo "sam-build.mk: $$(basename "$$jars") -> $(ARTIFACTS_DIR)/lib/"
endef
