# Sourced by the bench scripts: the same JDK 25+ the launcher picks.
JAVA_HOME="$(./vaultmail java-home)"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
