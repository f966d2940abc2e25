using System.Net.Http.Json;
using MusicGen.Contracts.Plans;

namespace MusicGen.Contracts;

public sealed partial class MusicGenClient
{
    /// <summary>The composition plan the local engine would follow for a prompt, to edit and submit.</summary>
    public Task<CompositionPlanDocument> CreatePlanAsync(PlanRequest request, CancellationToken cancellationToken = default) =>
        SendForAsync<CompositionPlanDocument>(new HttpRequestMessage(HttpMethod.Post, Relative("api/v1/plans")) { Content = JsonContent.Create(request) }, cancellationToken);
}
