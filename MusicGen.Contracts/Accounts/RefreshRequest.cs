using System.ComponentModel.DataAnnotations;

namespace MusicGen.Contracts.Accounts;

public sealed record RefreshRequest([property: Required, MaxLength(200)] string RefreshToken);
