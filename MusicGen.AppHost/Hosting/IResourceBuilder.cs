namespace MusicGen.AppHost.Hosting;

/// <summary>Fluent handle on a resource, as in Aspire: <c>builder.AddRedis("cache").WithPort(…)</c>.</summary>
public interface IResourceBuilder<out T>
    where T : IResource
{
    T Resource { get; }

    DistributedApplicationBuilder ApplicationBuilder { get; }
}

internal sealed record ResourceBuilder<T>(T Resource, DistributedApplicationBuilder ApplicationBuilder) : IResourceBuilder<T>
    where T : IResource;
