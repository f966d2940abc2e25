using System.ComponentModel.DataAnnotations;

namespace MusicGen.Contracts.Accounts;

public sealed record LoginRequest(
    [property: Required, MaxLength(320)] string Email,
    [property: Required, MaxLength(200)] string Password);
