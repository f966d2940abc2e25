using MusicGen.AppHost.Servers.Postgres;
using MusicGen.AppHost.Servers.Redis;
using MusicGen.AppHost.Servers.Storage;

namespace MusicGen.AppHost.Hosting;

/// <summary>The graph vocabulary, named and shaped as Aspire's hosting API.</summary>
public static class ResourceBuilderExtensions
{
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this DistributedApplicationBuilder builder, string name, int port = 55432) =>
        builder.AddResource(new PostgresServerResource(name, builder.PortFor(name, port)));

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name, int port = 56379) =>
        builder.AddResource(new RedisResource(name, builder.PortFor(name, port)));

    public static IResourceBuilder<ObjectStorageResource> AddObjectStorage(this DistributedApplicationBuilder builder, string name, int port = 54568, string bucket = "musicgen") =>
        builder.AddResource(new ObjectStorageResource(name, builder.PortFor(name, port), bucket));

    public static IResourceBuilder<ParameterResource> AddParameter(this DistributedApplicationBuilder builder, string name, bool secret = false, int generatedLength = 32) =>
        builder.AddResource(new ParameterResource(name, secret, generatedLength));

    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddResource(new ProjectResource(name, new TProject()));

    /// <summary>Serves HTTP on a fixed loopback port (overridable with <c>AppHost:Ports:{name}</c>).</summary>
    public static IResourceBuilder<ProjectResource> WithHttpEndpoint(this IResourceBuilder<ProjectResource> project, int port)
    {
        project.Resource.HttpEndpoint = new EndpointReference("http", project.ApplicationBuilder.PortFor(project.Resource.Name, port));
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> project, string path = "/health")
    {
        project.Resource.HealthCheckPath = path;
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.IsExternal = true;
        return project;
    }

    /// <summary>Injects <c>ConnectionStrings__{name}</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> source)
    {
        var resource = source.Resource;
        project.Resource.References.Add(resource);
        project.Resource.Environment.Add(($"ConnectionStrings__{resource.Name}", () => resource.ConnectionString, $"{{{resource.Name}.connectionString}}"));
        return project;
    }

    /// <summary>Injects <c>services__{name}__http__0</c>, which service discovery resolves for <c>https+http://{name}</c>.</summary>
    public static IResourceBuilder<ProjectResource> WithReference(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> service)
    {
        var target = service.Resource;
        var endpoint = target.HttpEndpoint ?? throw new InvalidOperationException($"'{target.Name}' has no HTTP endpoint to reference.");
        project.Resource.References.Add(target);
        project.Resource.Environment.Add(($"services__{target.Name}__http__0", () => endpoint.Url, $"{{{target.Name}.bindings.http.url}}"));
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, IResourceBuilder<ParameterResource> parameter)
    {
        var resource = parameter.Resource;
        project.Resource.Environment.Add((name, () => resource.Value, $"{{{resource.Name}.value}}"));
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithArgs(this IResourceBuilder<ProjectResource> project, params string[] arguments)
    {
        project.Resource.Arguments.AddRange(arguments);
        return project;
    }

    /// <summary>Starts the project only once <paramref name="dependency"/> is healthy.</summary>
    public static IResourceBuilder<ProjectResource> WaitFor(this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithReadiness> dependency)
    {
        project.Resource.Waits.Add((dependency.Resource, false));
        return project;
    }

    /// <summary>Starts the project only once <paramref name="dependency"/> has run to completion with exit code 0.</summary>
    public static IResourceBuilder<ProjectResource> WaitForCompletion(this IResourceBuilder<ProjectResource> project, IResourceBuilder<ProjectResource> dependency)
    {
        dependency.Resource.IsOneShot = true;
        project.Resource.Waits.Add((dependency.Resource, true));
        return project;
    }
}
