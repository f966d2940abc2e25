using System.ComponentModel.DataAnnotations;

namespace MusicGen.Contracts.Accounts;

public sealed record RegisterRequest(
    [property: Required, EmailAddress, MaxLength(320)] string Email,
    [property: Required, MinLength(8, ErrorMessage = "The password must be at least 8 characters long."), MaxLength(200)] string Password,
    [property: MaxLength(120)] string? DisplayName = null);
