/** The seeded generators live in lib/random, where lib/recordings/simulated uses them too. */
export * from "@/lib/random/rng";
