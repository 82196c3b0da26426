// Benchmarks entry point; suites are added per area.
return 0;
