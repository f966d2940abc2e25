namespace MusicGen.Web.Accounts;

/// <summary>The API no longer accepts this browser's sign-in (refresh token expired or revoked): the person signs in again.</summary>
public sealed class ApiSessionEndedException(string message) : Exception(message);
