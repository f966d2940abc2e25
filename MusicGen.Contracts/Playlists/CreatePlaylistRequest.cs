using System.ComponentModel.DataAnnotations;

namespace MusicGen.Contracts.Playlists;

public sealed record CreatePlaylistRequest(
    [property: Required(ErrorMessage = "A playlist needs a name."), MaxLength(200, ErrorMessage = "The name may be at most 200 characters long.")] string Name,
    [property: MaxLength(2000, ErrorMessage = "The description may be at most 2000 characters long.")] string? Description = null);
