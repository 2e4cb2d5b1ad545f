
namespace Roster.Domain.Events;

/// <summary><c>user.invitation_accepted</c>: an invited user activated the account.</summary>
public sealed record UserInvitationAccepted(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.signed_in</c>: at an invitation, an app's consent page (<c>oauth</c>) or a client acted out by the sandbox.</summary>
public sealed record UserSignedIn(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.signed_out</c>: from a client acted out by the sandbox.</summary>
public sealed record UserSignedOut(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.password_changed</c> (Zoom's webhook is a <c>user.updated</c> with <c>operation</c> <c>change_password</c>).</summary>
public sealed record UserPasswordChanged(EventUser Object) : EventPayload, IUserEvent;

/// <summary><c>user.tokens_revoked</c>: signed out of all devices (Zoom's webhook is a <c>user.updated</c> with that <c>operation</c>).</summary>
public sealed record UserTokensRevoked(EventUser Object) : EventPayload, IUserEvent;
