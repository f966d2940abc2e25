using MusicGen.AppHost.Hosting;

var builder = DistributedApplicationBuilder.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres");
var musicdb = postgres.AddDatabase("musicdb");
var cache = builder.AddRedis("cache");
var storage = builder.AddObjectStorage("storage");

var api = builder.AddProject<Projects.MusicGen_Api>("api")
    .WithHttpEndpoint(port: 5180)
    .WithHttpHealthCheck("/health")
    .WithReference(musicdb).WaitFor(musicdb)
    .WithReference(cache).WaitFor(cache)
    .WithReference(storage).WaitFor(storage);

builder.AddProject<Projects.MusicGen_Worker>("worker")
    .WithHttpEndpoint(port: 5181)
    .WithHttpHealthCheck("/health")
    .WithReference(musicdb)
    .WithReference(cache)
    .WithReference(storage)
    .WaitFor(api);

builder.AddProject<Projects.MusicGen_Web>("web")
    .WithHttpEndpoint(port: 5170)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(api).WaitFor(api);

builder.Build().Run();
