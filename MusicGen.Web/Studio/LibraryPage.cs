using MusicGen.Contracts.Generations;

namespace MusicGen.Web.Studio;

public sealed record LibraryPage(IReadOnlyList<GenerationResponse> Items, int Page, int PageSize, int Total)
{
    public int PageCount => (Total + PageSize - 1) / PageSize;
}
