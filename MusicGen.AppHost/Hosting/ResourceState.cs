namespace MusicGen.AppHost.Hosting;

public enum ResourceState
{
    Pending,
    Starting,
    Running,
    Healthy,
    Completed,
    Restarting,
    Failed,
    Stopping,
    Stopped,
}
