package io.quantaseal.coldstart;

/**
 * One cold start: a fresh JVM in the emulator answering its first request. Times in milliseconds;
 * NaN where a figure could not be read. The phases and the classes loaded by the end of init are
 * only known in a profile round (with {@code -Xlog:class+load}), NaN in a timed one.
 *
 * @param profiled whether the JVM ran with {@code -Xlog:class+load} (a profile round)
 * @param firstAnswerMs from sending the request to having the answer
 * @param cpuMs CPU time the JVM used by then (all threads: JIT and GC included), which depends far
 *     less than the first answer on what else the machine runs
 * @param emulatorMs the emulator's own share: receiving the request and starting the runtime, and
 *     passing the answer back
 * @param jvmStartMs from the emulator starting the runtime to the runtime interface client's main
 *     class being loaded (process start, JVM initialisation)
 * @param runtimeClientMs from there to the handler's class being loaded (the runtime client's
 *     set-up and its class loader)
 * @param handlerInitMs from there to the end of the init phase (the handler's constructor and
 *     static initialisers: building what the function keeps per container)
 * @param invokeMs the first invocation, as the emulator measured it
 * @param classes classes loaded by the time of the answer (in a timed round: just after it, from
 *     the JVM's counters)
 * @param classesAtInit of which loaded by the end of the init phase
 * @param sharedClasses of which from the CDS archive
 * @param classLoadingMs HotSpot's class-loading time ({@code sun.cls.time}, jstat's "Time")
 * @param classInitMs of which in static initialisers themselves ({@code
 *     sun.cls.classInitTime.self})
 * @param verifyMs of which verifying bytecode ({@code sun.cls.classVerifyTime.self})
 * @param jitMs time in the JIT compiler threads ({@code java.ci.totalTime}), in parallel with the
 *     rest
 * @param gcMs time in garbage collection
 * @param peakRssMib the JVM's peak resident memory
 */
record Sample(
    boolean profiled,
    double firstAnswerMs,
    double cpuMs,
    double emulatorMs,
    double jvmStartMs,
    double runtimeClientMs,
    double handlerInitMs,
    double invokeMs,
    double classes,
    double classesAtInit,
    double sharedClasses,
    double classLoadingMs,
    double classInitMs,
    double verifyMs,
    double jitMs,
    double gcMs,
    double peakRssMib) {}
