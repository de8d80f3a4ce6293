# Sourced by the bench scripts: the same JDK 25+ the launcher picks.
JAVA_HOME="$(bash -c 'source <(sed -n "/^java_major()/,/^}/p;/^find_jdk()/,/^}/p" ./vaultmail); REQUIRED_JAVA=25; find_jdk')"
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
