namespace Roster.Domain.Abstractions;

public interface IPictureStore
{
    Task SavePictureAsync(Picture picture);
    Task DeletePicturesOfAsync(string userId);
    Task<Picture?> GetPictureAsync(string id);
}
