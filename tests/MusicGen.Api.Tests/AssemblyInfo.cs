using MusicGen.Testing.Postgres;

[assembly: AssemblyFixture(typeof(PostgresServer))]
