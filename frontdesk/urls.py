app_name = "frontdesk"

urlpatterns = []
