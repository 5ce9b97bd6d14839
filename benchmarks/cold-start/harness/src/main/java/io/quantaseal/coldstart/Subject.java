package io.quantaseal.coldstart;

import io.quantaseal.emulator.FunctionPackage;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One thing whose cold start is measured: a function of a checkout, or a floor.
 *
 * @param name the row's name (the function's logical id, or the floor's name)
 * @param build the checkout's label ({@code current}, {@code baseline}) or {@code floor}
 * @param function the package the emulator runs
 * @param taskRoot its task root
 * @param event the event to send (a new one for each cold start)
 * @param check throws when the answer is not what this request must get
 */
record Subject(
    String name,
    String build,
    FunctionPackage function,
    Path taskRoot,
    Supplier<String> event,
    Consumer<String> check) {

  /** The handler's class, whose loading marks the end of the runtime client's start. */
  String handlerClass() {
    String h = function.handler();
    int i = h.indexOf("::");
    return i < 0 ? h : h.substring(0, i);
  }

  /** A name for files: {@code current-SealFunction}. */
  String id() {
    return build + "-" + name;
  }
}
