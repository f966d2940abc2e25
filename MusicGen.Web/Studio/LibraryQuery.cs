using MusicGen.Contracts;
using MusicGen.Contracts.Generations;

namespace MusicGen.Web.Studio;

/// <summary>
/// The library's search: name and status filter in the API; the genre filter here, over the prompt and the
/// plan's styles, since the API does not classify generations by genre. With a genre, up to
/// <see cref="GenreScanLimit"/> of the newest matching generations are scanned and paged here.
/// </summary>
public sealed class LibraryQuery(MusicGenClient client)
{
    public const int PageSize = 10;
    public const int GenreScanLimit = 500;

    public async Task<LibraryPage> FindAsync(string? search, string? status, GenrePreset? genre, int page, CancellationToken cancellationToken)
    {
        if (genre is null)
        {
            var result = await client.ListGenerationsAsync(status, search, page, PageSize, cancellationToken);
            return new LibraryPage(result.Items, result.Page, result.PageSize, result.Total);
        }

        var matches = new List<GenerationResponse>();
        for (var apiPage = 1; (apiPage - 1) * 100 < GenreScanLimit; apiPage++)
        {
            var batch = await client.ListGenerationsAsync(status, search, apiPage, 100, cancellationToken);
            matches.AddRange(batch.Items.Where(g => genre.Matches(g.Prompt) || genre.Matches(g.CompositionPlan?.GetRawText()) || genre.Matches(g.Name)));
            if (apiPage * 100 >= batch.Total)
            {
                break;
            }
        }

        return new LibraryPage([.. matches.Skip((page - 1) * PageSize).Take(PageSize)], page, PageSize, matches.Count);
    }
}
