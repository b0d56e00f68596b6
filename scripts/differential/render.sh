#!/bin/sh
# Renders a folder of cases with Apache Velocity 2.4.1 and VelocityTools 2.0 (jars from ~/.m2):
#   scripts/differential/render.sh CASES_DIR OUT_DIR
# Needs Java 17 (java, javac). See scripts/differential/README.md.
set -e
here=$(cd "$(dirname "$0")" && pwd)
m2=${M2_REPO:-$HOME/.m2/repository}
jar() { ls "$m2/$1" | sort -V | tail -1 | sed "s|^|$m2/$1/|"; }
cp=$m2/org/apache/velocity/velocity-engine-core/2.4.1/velocity-engine-core-2.4.1.jar
cp=$cp:$m2/org/apache/velocity/velocity-tools/2.0/velocity-tools-2.0.jar
cp=$cp:$m2/org/apache/commons/commons-lang3/3.18.0/commons-lang3-3.18.0.jar
cp=$cp:$m2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar
cp=$cp:$m2/org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar
cp=$cp:$m2/commons-lang/commons-lang/2.6/commons-lang-2.6.jar
build=${TMPDIR:-/tmp}/velvet-differential-build
mkdir -p "$build"
javac -d "$build" -cp "$cp" "$here/Render.java"
exec java -Duser.language=en -Duser.country=US -Duser.timezone=UTC -cp "$cp:$build" Render "$1" "$2"
