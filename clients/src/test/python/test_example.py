"""A course platform's use of the Python client (the example of docs/clients.md): pick an avatar and a voice, request a
video, follow it to READY and download its file. AVATAR_VIDEO_URL and AVATAR_VIDEO_API_KEY say where the service is and
which key to use."""
import hashlib
import os
import time
import unittest
import urllib.request

import avatar_video_client as avc
from avatar_video_client.exceptions import NotFoundException
from avatar_video_client.models import Scene, VideoRequest

configuration = avc.Configuration(
    host=os.environ["AVATAR_VIDEO_URL"],  # e.g. http://localhost:8080
    access_token=os.environ["AVATAR_VIDEO_API_KEY"],  # sent as Authorization: Bearer …
)


def finished(videos, video_id, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        video = videos.get_video(video_id)
        if video.status in ("READY", "FAILED"):
            return video
        time.sleep(0.25)
    raise AssertionError(f"video {video_id} did not finish within {timeout_s} s")


class ExampleTest(unittest.TestCase):

    def test_a_requested_video_reaches_ready_and_its_file_downloads_intact(self):
        with avc.ApiClient(configuration) as api:
            catalog, videos = avc.CatalogApi(api), avc.VideosApi(api)
            avatar = catalog.list_avatars(avatar_type="studio_avatar").items[0]
            voice = catalog.list_voices(language="English").items[0]
            queued = videos.create_video(VideoRequest(
                title="Lesson 1: Welcome",
                scenes=[Scene(avatar_id=avatar.id, voice_id=voice.id, script="Welcome to the course.")]))
            self.assertEqual("QUEUED", queued.status)

            video = finished(videos, queued.id)
            self.assertEqual("READY", video.status, video.error)
            with urllib.request.urlopen(video.file.file_url) as response:
                data = response.read()
            self.assertEqual(video.file.file_size, len(data))
            self.assertEqual(video.file.checksum, "sha256:" + hashlib.sha256(data).hexdigest())
            print(f"READY {video.id} {video.file.file_size} {video.file.checksum}")

    def test_a_video_the_service_does_not_have_is_a_404_problem(self):
        with avc.ApiClient(configuration) as api:
            with self.assertRaises(NotFoundException) as raised:
                avc.VideosApi(api).get_video("00000000-0000-4000-8000-000000000000")
            self.assertEqual(404, raised.exception.status)
            self.assertIn('"status":404', raised.exception.body.replace(" ", ""))


if __name__ == "__main__":
    unittest.main()
