"""Running the whole pipeline locally: `make demo`, the end-to-end tests and the benchmark."""
