using MusicGen.AppHost.Hosting;

var builder = DistributedApplicationBuilder.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var musicdb = postgres.AddDatabase("musicdb");
var cache = builder.AddRedis("cache");
var storage = builder.AddObjectStorage("storage");
var jwtSigningKey = builder.AddParameter("jwt-signing-key", secret: true, generatedLength: 64);

// Applies the schema once, under a lock, before anything that uses the database starts.
var migrations = builder.AddProject<Projects.MusicGen_MigrationService>("migrations")
    .WithReference(musicdb).WaitFor(musicdb);

var api = builder.AddProject<Projects.MusicGen_Api>("api")
    .WithHttpEndpoint(port: 5180)
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Auth__SigningKey", jwtSigningKey)
    .WithReference(musicdb).WaitForCompletion(migrations)
    .WithReference(cache).WaitFor(cache)
    .WithReference(storage).WaitFor(storage);

builder.AddProject<Projects.MusicGen_Worker>("worker")
    .WithHttpEndpoint(port: 5181)
    .WithHttpHealthCheck("/health")
    .WithReference(musicdb).WaitForCompletion(migrations)
    .WithReference(cache).WaitFor(cache)
    .WithReference(storage).WaitFor(storage);

builder.AddProject<Projects.MusicGen_Web>("web")
    .WithHttpEndpoint(port: 5170)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(api).WaitFor(api)
    // Sign-in sessions and Data Protection keys, so several Web replicas accept each other's cookies.
    .WithReference(cache).WaitFor(cache);

builder.Build().Run();
