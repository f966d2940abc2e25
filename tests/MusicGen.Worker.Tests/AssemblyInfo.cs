using MusicGen.Testing.Postgres;

[assembly: AssemblyFixture(typeof(PostgresServer))]

// Every test renders music and some run whole Worker processes: on a small machine they would
// starve each other (and their timeouts) if run side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
