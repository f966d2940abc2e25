using System.Globalization;
using MusicGen.Contracts.Admin;

namespace MusicGen.Contracts;

/// <summary>Administrator calls: a non-admin token gets 403 (<see cref="MusicGenApiException"/>).</summary>
public sealed partial class MusicGenClient
{
    public Task<QueueOverview> GetQueueOverviewAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<QueueOverview>(new HttpRequestMessage(HttpMethod.Get, Relative("api/v1/admin/queues")), cancellationToken);

    public Task<QueueCountsResponse> PauseQueueAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<QueueCountsResponse>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/admin/queues/pause")), cancellationToken);

    public Task<QueueCountsResponse> ResumeQueueAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<QueueCountsResponse>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/admin/queues/resume")), cancellationToken);

    public Task<FailedGenerationPage> ListFailedGenerationsAsync(int page = 1, int pageSize = 20, CancellationToken cancellationToken = default) =>
        SendForAsync<FailedGenerationPage>(new HttpRequestMessage(HttpMethod.Get, Relative(string.Create(CultureInfo.InvariantCulture, $"api/v1/admin/queues/failed?page={page}&pageSize={pageSize}"))), cancellationToken);

    public Task<FailedGeneration> RetryFailedGenerationAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendForAsync<FailedGeneration>(new HttpRequestMessage(HttpMethod.Post, Relative($"api/v1/admin/queues/failed/{id}/retry")), cancellationToken);

    public Task<QueueActionResult> RetryAllFailedGenerationsAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<QueueActionResult>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/admin/queues/failed/retry-all")), cancellationToken);

    /// <summary>Removes failed jobs from the queue (the generations stay Failed in the database).</summary>
    public Task<QueueActionResult> CleanFailedJobsAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<QueueActionResult>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/admin/queues/clean")), cancellationToken);

    public Task<List<ProviderHealth>> GetProvidersAsync(CancellationToken cancellationToken = default) =>
        SendForAsync<List<ProviderHealth>>(new HttpRequestMessage(HttpMethod.Get, Relative("api/v1/admin/providers")), cancellationToken);
}
