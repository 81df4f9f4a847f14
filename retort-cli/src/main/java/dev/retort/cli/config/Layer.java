package dev.retort.cli.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings one source gives: the file's top level, one profile, the environment or the command
 * line. Later layers override earlier ones key by key; driver properties merge by name.
 */
record Layer(Map<String, Setting> settings, Map<String, Setting> driverProperties) {

  Layer {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    driverProperties = Collections.unmodifiableMap(new LinkedHashMap<>(driverProperties));
  }
}
