/**
 * The benchmarks behind {@code ./fieldcast bench <name>}, one sub-package per subject ({@code roadnetwork},
 * {@code dispatch}, {@code eta}, {@code mobile}, {@code notify}). Each is a command that prints figures and ends with
 * one line {@code BENCH <name> key=value …}. They use the modules' public classes in-process, or start a packaged
 * service and talk to it over HTTP and Kafka; no production code depends on them.
 */
package io.fieldcast.bench;
