import WinnowCore
print("winnow-bench: skeleton")
