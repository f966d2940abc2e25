using MusicGen.AppHost.Hosting;
using MusicGen.AppHost.Servers;

namespace MusicGen.AppHost.Orchestration;

public sealed class ServerRunner(ServerResource server, ResourceLog log, TimeSpan startupTimeout) : ResourceRunner(log, startupTimeout)
{
    public override IResourceWithReadiness Resource => server;

    public override IReadOnlyList<(IResourceWithReadiness Resource, bool Completion)> Dependencies => [];

    protected override ProcessSpec? Spec => server.Runtime.Process;

    protected override void SetState(ResourceState state) => server.State = state;

    protected override Task PrepareAsync(CancellationToken cancellationToken) => server.Runtime.PrepareAsync(cancellationToken);

    protected override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => server.Runtime.IsHealthyAsync(cancellationToken);

    protected override Task OnHealthyAsync(CancellationToken cancellationToken) => server.Runtime.OnHealthyAsync(cancellationToken);
}
